using FlaxGuard.NanoGate.Compile;

namespace FlaxGuard.NanoGate.Cli;

/// <summary>The command-line front end: parses arguments, runs the gate, prints the verdict, picks the exit code.</summary>
public static class NanoGateCli
{
    public const int Passed = 0;
    public const int Violations = 1;
    public const int BadUsage = 2;

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

            var options = new NanoGateOptions();
            foreach (string directory in command.SourceDirectories) options.SourceDirectories.Add(directory);
            foreach (string directory in command.DeclarationDirectories) options.DeclarationDirectories.Add(directory);

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
                return Passed;
            }
            output.WriteLine("nanogate: FAILED: " + result.Violations.Count + " violation(s) in " + what + " against " + against + " (" + seconds + ")");
            return Violations;
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
