using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlaxGuard.NanoGate.Layout;

namespace FlaxGuard.NanoGate.Tests.Flash;

/// <summary>Runs the repository's flash.sh with bash as a child process, with a controlled PATH and HOME.</summary>
internal static class FlashScript
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The repository holding this source file (found from its compile-time path, so it works whatever the
    /// build output folder is), else the one above the current directory.</summary>
    public static string RepositoryRoot =>
        RepositoryLayout.FindUpwards(Path.GetDirectoryName(SourcePath())!) ?? RepositoryLayout.FindRepositoryRoot()
        ?? throw new AssertFailedException("FlaxGuard.sln not found above " + SourcePath() + " or " + Directory.GetCurrentDirectory());

    private static string SourcePath([CallerFilePath] string path = "") => path;

    public static string ScriptPath => Path.Combine(RepositoryRoot, "flash.sh");

    /// <summary>The real mscorlib.pe of nanoFramework.CoreLibrary 1.17.11, copied next to the gate (nano/mscorlib.pe).</summary>
    public static string RealMscorlibPe
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.pe");
            Assert.IsTrue(File.Exists(path), "nano/mscorlib.pe (nanoFramework.CoreLibrary 1.17.11) was not copied next to the tests: " + path);
            return path;
        }
    }

    /// <summary>
    /// Runs flash.sh. PATH is <paramref name="path"/> (default: system folders only, so no nanoff and no dotnet tools),
    /// HOME a fresh folder (no ~/.dotnet/tools/nanoff). Bounded to 60 s.
    /// </summary>
    public static Result Run(IEnumerable<string> args, string? path = null, IDictionary<string, string>? environment = null, string? home = null)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(ScriptPath);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        start.Environment["PATH"] = path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = home ?? Directory.CreateTempSubdirectory("fg-flash-home-").FullName;
        start.Environment["LC_ALL"] = "C";
        start.Environment["TMPDIR"] = Path.GetTempPath().TrimEnd('/');
        if (environment != null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new AssertFailedException("bash did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException("flash.sh did not finish within 60 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A folder with an executable script named <paramref name="name"/> and the given body (bash).</summary>
    public static void WriteExecutable(string directory, string name, string body)
    {
        string file = Path.Combine(directory, name);
        File.WriteAllText(file, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The deployment image computed here, independently of flash.sh: each file padded with zeros to a multiple of 4.</summary>
    public static byte[] ExpectedImage(params string[] filesInOrder)
    {
        using var image = new MemoryStream();
        foreach (string file in filesInOrder)
        {
            byte[] bytes = File.ReadAllBytes(file);
            image.Write(bytes);
            int padded = (bytes.Length + 3) / 4 * 4;
            image.Write(new byte[padded - bytes.Length]);
        }
        return image.ToArray();
    }
}
