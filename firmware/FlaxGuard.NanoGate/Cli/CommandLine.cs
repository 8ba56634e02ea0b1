namespace FlaxGuard.NanoGate.Cli;

/// <summary>What the command line asked for.</summary>
public sealed class CommandLine
{
    public List<string> SourceDirectories { get; } = new();
    public List<string> DeclarationDirectories { get; } = new();
    public bool Help { get; private set; }

    /// <summary>"engine", "esp32" or "all"; null when not given (all, unless --source names the sources).</summary>
    public string? Target { get; private set; }

    /// <summary>Parses <c>[--source DIR]... [--declarations DIR]... [--target engine|esp32|all] [--help]</c>; throws
    /// <see cref="NanoGateUsageException"/> on anything else.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--help":
                case "-h":
                case "-?":
                    result.Help = true;
                    break;
                case "--source":
                    result.SourceDirectories.Add(Value(args, ref i, arg));
                    break;
                case "--declarations":
                    result.DeclarationDirectories.Add(Value(args, ref i, arg));
                    break;
                case "--target":
                    result.Target = TargetValue(Value(args, ref i, arg));
                    break;
                default:
                    if (arg.StartsWith("--source=", StringComparison.Ordinal)) result.SourceDirectories.Add(NonEmpty(arg, "--source"));
                    else if (arg.StartsWith("--declarations=", StringComparison.Ordinal)) result.DeclarationDirectories.Add(NonEmpty(arg, "--declarations"));
                    else if (arg.StartsWith("--target=", StringComparison.Ordinal)) result.Target = TargetValue(arg.Substring("--target=".Length));
                    else throw new NanoGateUsageException("unknown argument '" + arg + "' (see --help)");
                    break;
            }
        }
        return result;
    }

    private static string TargetValue(string value)
    {
        if (value is "engine" or "esp32" or "all") return value;
        throw new NanoGateUsageException("--target must be engine, esp32 or all, not '" + value + "' (see --help)");
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new NanoGateUsageException(option + " needs a directory (see --help)");
        }
        i++;
        return args[i];
    }

    private static string NonEmpty(string arg, string option)
    {
        string value = arg.Substring(option.Length + 1);
        if (value.Length == 0) throw new NanoGateUsageException(option + " needs a directory (see --help)");
        return value;
    }
}
