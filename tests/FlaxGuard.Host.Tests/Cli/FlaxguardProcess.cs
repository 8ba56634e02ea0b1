using System.Diagnostics;

namespace FlaxGuard.Host.Tests.Cli;

/// <summary>Runs the real built <c>flaxguard</c> as a child process, as a user or a monitoring system would.</summary>
internal static class FlaxguardProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static Result Run(params string[] args) => Run(TimeSpan.FromSeconds(60), args);

    public static Result Run(TimeSpan limit, params string[] args) => Run(limit, null, args);

    /// <summary>Runs with <paramref name="stdin"/> piped in (null: no redirection), as a script passing a password would.</summary>
    public static Result Run(TimeSpan limit, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flaxguard.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flaxguard {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>No user-facing failure may ever show a .NET stack trace.</summary>
    public static void AssertNoStackTrace(Result r)
    {
        Assert.IsFalse(r.All.Contains("   at ", StringComparison.Ordinal), "stack trace in output:\n" + r.All);
        Assert.IsFalse(r.All.Contains("Unhandled exception", StringComparison.Ordinal), r.All);
    }
}
