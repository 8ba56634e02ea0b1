using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlaxGuard.NanoGate.Mdp;

/// <summary>
/// nanoFramework's own metadata processor (upstream v3.0.100 built for .NET), run as a child process:
/// <c>dotnet strict/mdp.dll IN.dll OUT.pe REFERENCE_DIR</c>. Exit 0: the .pe was written. Exit 1: the processor
/// refused the assembly and printed "MDP FAILED: &lt;exception&gt;: &lt;message&gt;". The measure variant goes on past
/// a byte-code or string-table overflow and prints how many bytes it needed.
/// </summary>
public sealed partial class MetadataProcessor
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private MetadataProcessor(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    private string Strict => Path.Combine(Directory, "strict", "mdp.dll");
    private string Measuring => Path.Combine(Directory, "measure", "mdp.dll");

    /// <summary>The processor in <paramref name="directory"/>, or null when it is not there.</summary>
    public static MetadataProcessor? TryOpen(string directory)
    {
        var processor = new MetadataProcessor(Path.GetFullPath(directory));
        return File.Exists(processor.Strict) && File.Exists(processor.Measuring) ? processor : null;
    }

    /// <summary>Turns <paramref name="dll"/> into <paramref name="pe"/>; <paramref name="referenceDirectory"/> holds
    /// mscorlib.dll and every assembly it references.</summary>
    public MetadataProcessorOutcome Process(string dll, string pe, string referenceDirectory) =>
        Run(Strict, dll, pe, referenceDirectory);

    /// <summary>Runs the measure variant (into a scratch .pe) and reads the bytes it needed; null when it printed none.</summary>
    public MetadataProcessorMeasure? Measure(string dll, string referenceDirectory)
    {
        string scratch = Path.Combine(Path.GetTempPath(), "nanogate-measure-" + Guid.NewGuid().ToString("N") + ".pe");
        try
        {
            MetadataProcessorOutcome outcome = Run(Measuring, dll, scratch, referenceDirectory);
            Match numbers = MeasuredBytes().Match(outcome.Output);
            if (!numbers.Success) return null;
            return new MetadataProcessorMeasure(
                long.Parse(numbers.Groups["code"].Value, CultureInfo.InvariantCulture),
                long.Parse(numbers.Groups["strings"].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static MetadataProcessorOutcome Run(string mdp, string dll, string pe, string referenceDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { mdp, dll, pe, referenceDirectory }) start.ArgumentList.Add(argument);

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new MetadataProcessorOutcome(false, "the metadata processor did not finish within " + Timeout.TotalMinutes + " minutes", "");
        }
        string text = output.Result + error.Result;
        if (process.ExitCode == 0) return new MetadataProcessorOutcome(true, "", text);

        Match failed = FailureLine().Match(text);
        string message = failed.Success
            ? failed.Groups["message"].Value.Trim()
            : "exit code " + process.ExitCode + ": " + FirstLine(text);
        return new MetadataProcessorOutcome(false, message, text);
    }

    /// <summary>The dotnet host running the gate (so the processor runs on the same runtime), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        if (self != null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int newline = trimmed.IndexOf('\n');
        return newline < 0 ? trimmed : trimmed.Substring(0, newline).Trim();
    }

    [GeneratedRegex(@"^MDP FAILED: (?:[\w.]+: )?(?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex FailureLine();

    [GeneratedRegex(@"bytecode bytes (?:allocated|so far): (?<code>\d+); string bytes (?:allocated \(all passes\)|so far): (?<strings>\d+)")]
    private static partial Regex MeasuredBytes();
}
