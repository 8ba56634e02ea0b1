using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlaxGuard.Hashes.Tests;

/// <summary>Runs the built <c>flaxguard</c> tool in a child process (bounded to 90 s); output with white space runs collapsed.</summary>
internal static class FlaxguardTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static Result Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flaxguard.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "250";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flaxguard {string.Join(' ', args)} did not finish within 90 s");
        }
        return new Result(process.ExitCode, Regex.Replace(stdout.Result, @"\s+", " "), Regex.Replace(stderr.Result, @"\s+", " "));
    }

    /// <summary>A copy of the repository's hashes/ source files (without MANIFEST) in <paramref name="dir"/>/hashes.</summary>
    public static string CopyOfRepositoryData(TestPaths.TempDir dir)
    {
        var data = Directory.CreateDirectory(dir.File("hashes")).FullName;
        var repoHashes = Path.Combine(TestPaths.RepositoryRoot(), "hashes");
        File.Copy(Path.Combine(repoHashes, Sources.SourceSet.KnownExploitedFile), Path.Combine(data, Sources.SourceSet.KnownExploitedFile));
        Directory.CreateDirectory(Path.Combine(data, Sources.SourceSet.KnownGoodFolder));
        foreach (var file in Directory.GetFiles(Path.Combine(repoHashes, Sources.SourceSet.KnownGoodFolder), "*.tsv"))
            File.Copy(file, Path.Combine(data, Sources.SourceSet.KnownGoodFolder, Path.GetFileName(file)));
        return data;
    }
}
