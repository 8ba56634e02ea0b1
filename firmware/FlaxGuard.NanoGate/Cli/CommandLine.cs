namespace FlaxGuard.NanoGate.Cli;

/// <summary>What the command line asked for.</summary>
public sealed class CommandLine
{
    public List<string> SourceDirectories { get; } = new();
    public List<string> DeclarationDirectories { get; } = new();
    public bool Help { get; private set; }

    /// <summary>"engine", "esp32" or "all"; null when not given (all).</summary>
    public string? Target { get; private set; }

    /// <summary>Where the .dll and .pe files go (--pe-out); null: a temporary directory.</summary>
    public string? PeOutputDirectory { get; private set; }

    /// <summary>The metadata processor folder (--mdp); null: $FLAXGUARD_NANO_MDP or ../shared beside the repository.</summary>
    public string? MetadataProcessorDirectory { get; private set; }

    /// <summary>--require-mdp: a missing metadata processor fails the gate (CI).</summary>
    public bool RequireMetadataProcessor { get; private set; }

    /// <summary>Parses the options listed in <see cref="HelpText"/>; throws <see cref="NanoGateUsageException"/> on anything else.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string option = arg;
            string? inline = null;
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                option = arg.Substring(0, equals);
                inline = arg.Substring(equals + 1);
                if (inline.Length == 0) throw new NanoGateUsageException(option + " needs a value (see --help)");
            }
            string Value() => inline ?? Next(args, ref i, option);

            switch (option)
            {
                case "--help" or "-h" or "-?" when inline == null:
                    result.Help = true;
                    break;
                case "--require-mdp" when inline == null:
                    result.RequireMetadataProcessor = true;
                    break;
                case "--source":
                    result.SourceDirectories.Add(Value());
                    break;
                case "--declarations":
                    result.DeclarationDirectories.Add(Value());
                    break;
                case "--target":
                    result.Target = TargetValue(Value());
                    break;
                case "--pe-out":
                    result.PeOutputDirectory = Value();
                    break;
                case "--mdp":
                    result.MetadataProcessorDirectory = Value();
                    break;
                default:
                    throw new NanoGateUsageException("unknown argument '" + arg + "' (see --help)");
            }
        }
        return result;
    }

    private static string TargetValue(string value)
    {
        if (value is "engine" or "esp32" or "all") return value;
        throw new NanoGateUsageException("--target must be engine, esp32 or all, not '" + value + "' (see --help)");
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new NanoGateUsageException(option + " needs a directory (see --help)");
        }
        i++;
        return args[i];
    }
}
