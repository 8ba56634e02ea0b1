using System.Globalization;

namespace FlaxGuard.NanoGate.Cli;

/// <summary>The command-line front end: parses arguments, runs the gate, prints the verdict and the .pe table, picks the
/// exit code.</summary>
public static class NanoGateCli
{
    public const int Passed = 0;
    public const int Violations = 1;
    public const int BadUsage = 2;

    public static NanoGateOptions Options(CommandLine command)
    {
        var options = new NanoGateOptions
        {
            Target = command.Target switch
            {
                "engine" => NanoGateTarget.Engine,
                "esp32" => NanoGateTarget.Esp32App,
                _ => NanoGateTarget.All,
            },
            PeOutputDirectory = command.PeOutputDirectory,
            MetadataProcessorDirectory = command.MetadataProcessorDirectory,
            RequireMetadataProcessor = command.RequireMetadataProcessor,
        };
        foreach (string directory in command.SourceDirectories) options.SourceDirectories.Add(directory);
        foreach (string directory in command.DeclarationDirectories) options.DeclarationDirectories.Add(directory);
        return options;
    }

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            CommandLine command = CommandLine.Parse(args);
            if (command.Help)
            {
                output.WriteLine(HelpText.Text);
                return Passed;
            }

            NanoGateOptions options = Options(command);
            NanoGateResult result = NanoGateRunner.Run(options);
            Print(result, options, output);
            return result.Passed ? Passed : Violations;
        }
        catch (NanoGateUsageException e)
        {
            error.WriteLine("nanogate: " + e.Message);
            return BadUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or Pe.PeFormatException)
        {
            error.WriteLine("nanogate: " + e.Message);
            return BadUsage;
        }
        catch (Exception e)
        {
            // Never a stack trace: say what broke and stop.
            error.WriteLine("nanogate: internal error (" + e.GetType().Name + "): " + e.Message);
            return BadUsage;
        }
    }

    private static void Print(NanoGateResult result, NanoGateOptions options, TextWriter output)
    {
        foreach (string violation in result.Violations) output.WriteLine(violation);

        if (result.MetadataProcessorSkipped != null)
        {
            output.WriteLine("nanogate: NOTE: metadata processor checks SKIPPED (no .pe, no table sizes, no budgets): " + result.MetadataProcessorSkipped +
                             (options.RequireMetadataProcessor ? "" : "; the other checks ran, pass --require-mdp to make this a failure"));
        }
        foreach (AssemblyGateResult assembly in result.Assemblies) output.WriteLine(SizeReport.Summary(assembly, options.Budget));

        string? table = SizeReport.Table(result.Assemblies, options.Budget);
        if (table != null)
        {
            output.WriteLine();
            output.WriteLine(table);
            output.WriteLine();
        }
        if (SizeReport.RuntimeHeap(result.Assemblies) is { } heap) output.WriteLine(heap);
        if (options.PeOutputDirectory != null) output.WriteLine("nanogate: .dll and .pe files in " + Path.GetFullPath(options.PeOutputDirectory));

        string what = result.SourceFileCount + " C# file(s) in " + result.Assemblies.Count + " assembly(ies)" +
                      (result.SourceDirectories.Count > 0 ? " from " + string.Join(", ", result.SourceDirectories) : "");
        string against = result.CoreLibrary +
                         (result.DeclarationAssemblies.Count > 0 ? " + " + string.Join(", ", result.DeclarationAssemblies) : "");
        string processor = result.MetadataProcessor != null ? "; .pe by the metadata processor" : "; metadata processor skipped";
        string seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        output.WriteLine(result.Passed
            ? "nanogate: passed: " + what + " against " + against + processor + " (" + seconds + ")"
            : "nanogate: FAILED: " + result.Violations.Count + " violation(s) in " + what + " against " + against + processor + " (" + seconds + ")");
    }
}
