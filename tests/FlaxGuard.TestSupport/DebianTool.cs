namespace FlaxGuard.TestSupport;

/// <summary>
/// Finds the Debian programs the tests run against. A missing one fails the test with the package to
/// install (tests/run-all.sh installs them all): a skipped real-peer test would prove nothing.
/// </summary>
public static class DebianTool
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    public static string Require(string program, string package)
    {
        foreach (var dir in SearchPath)
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        Assert.Fail($"'{program}' is not installed: apt-get install {package} (tests/run-all.sh does this)");
        return program;
    }

    /// <summary>Runs a program to completion (bounded) and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, int timeoutMs = 30_000, string? stdin = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeoutMs} ms");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
