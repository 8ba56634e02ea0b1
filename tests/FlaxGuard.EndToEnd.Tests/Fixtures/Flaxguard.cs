using System.Diagnostics;

namespace FlaxGuard.EndToEnd.Tests.Fixtures;

/// <summary>Runs the real built <c>flaxguard</c> as a child process, as a user or a monitoring system would.</summary>
internal static class Flaxguard
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "flaxguard.dll");

    public static Result Run(string? stdin, params string[] args)
    {
        var info = Info(args);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flaxguard {string.Join(' ', args)} did not finish within 60 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static ProcessStartInfo Info(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "200";
        return info;
    }
}
