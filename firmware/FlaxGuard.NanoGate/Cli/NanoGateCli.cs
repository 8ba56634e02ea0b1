using FlaxGuard.NanoGate.Compile;

namespace FlaxGuard.NanoGate.Cli;

/// <summary>The command-line front end: parses arguments, runs the gate, prints the verdict, picks the exit code.</summary>
public static class NanoGateCli
{
    public const int Passed = 0;
    public const int Violations = 1;
    public const int BadUsage = 2;

    private static NanoGateOptions Options(CommandLine command, NanoGateTarget target, bool includeSources)
    {
        var options = new NanoGateOptions { Target = target };
        if (includeSources)
        {
            foreach (string directory in command.SourceDirectories) options.SourceDirectories.Add(directory);
        }
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

            var runs = new List<NanoGateOptions>();
            string target = command.Target ?? (command.SourceDirectories.Count > 0 ? "custom" : "all");
            if (target is "engine" or "all" or "custom") runs.Add(Options(command, NanoGateTarget.Engine, includeSources: target == "custom" || command.Target == "engine"));
            if (target is "esp32" or "all") runs.Add(Options(command, NanoGateTarget.Esp32App, includeSources: command.Target == "esp32"));

            int code = Passed;
            foreach (NanoGateOptions options in runs)
            {
                NanoGateResult result = NanoGateRunner.Run(options);
                foreach (string violation in result.Violations) output.WriteLine(violation);

                string what = result.SourceFileCount + " C# file(s)" +
                              (result.SourceDirectories.Count > 0 ? " from " + string.Join(", ", result.SourceDirectories) : "");
                string against = result.CoreLibrary +
                                 (result.DeclarationAssemblies.Count > 0 ? " + " + string.Join(", ", result.DeclarationAssemblies) : "");
                string seconds = result.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";

                if (result.Passed)
                {
                    output.WriteLine("nanogate: passed: " + what + " against " + against + " (" + seconds + ")");
                }
                else
                {
                    output.WriteLine("nanogate: FAILED: " + result.Violations.Count + " violation(s) in " + what + " against " + against + " (" + seconds + ")");
                    code = Violations;
                }
            }
            return code;
        }
        catch (NanoGateUsageException e)
        {
            error.WriteLine("nanogate: " + e.Message);
            return BadUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
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
}
