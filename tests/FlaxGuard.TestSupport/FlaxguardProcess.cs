using System.Diagnostics;

namespace FlaxGuard.TestSupport;

/// <summary>
/// Runs the real built <c>flaxguard</c> (flaxguard.dll next to the test assembly) as a child process, as a user,
/// a script or a monitoring system would. The first string of <see cref="Run(string?, string[])"/> is stdin;
/// Host.Tests keeps a facade whose <c>Run(params string[])</c> takes arguments only.
/// </summary>
public static class FlaxguardProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "flaxguard.dll");

    /// <summary>Runs with <paramref name="stdin"/> written to its input, which is then closed (null: empty input).</summary>
    public static Result Run(string? stdin, params string[] args) => Run(DefaultLimit, stdin, closeEmptyInput: true, args);

    /// <summary>Runs with the test's own input inherited and a time limit.</summary>
    public static Result Run(TimeSpan limit, params string[] args) => Run(limit, null, closeEmptyInput: false, args);

    /// <summary>Runs with <paramref name="stdin"/> piped in (null: no redirection, the test's input is inherited), as a script passing a password would.</summary>
    public static Result Run(TimeSpan limit, string? stdin, params string[] args) => Run(limit, stdin, closeEmptyInput: false, args);

    private static Result Run(TimeSpan limit, string? stdin, bool closeEmptyInput, string[] args)
    {
        var info = Info(args);
        info.RedirectStandardInput = stdin is not null || closeEmptyInput;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (info.RedirectStandardInput)
        {
            if (stdin is not null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flaxguard {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The start info of a flaxguard child with output redirected, for callers that manage the process themselves.</summary>
    public static ProcessStartInfo Info(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "200";
        return info;
    }

    /// <summary>No user-facing failure may ever show a .NET stack trace.</summary>
    public static void AssertNoStackTrace(Result r)
    {
        Assert.IsFalse(r.All.Contains("   at ", StringComparison.Ordinal), "stack trace in output:\n" + r.All);
        Assert.IsFalse(r.All.Contains("Unhandled exception", StringComparison.Ordinal), r.All);
    }
}
