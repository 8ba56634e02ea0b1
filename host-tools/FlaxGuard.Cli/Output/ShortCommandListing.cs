using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FlaxGuard.Cli.Output;

/// <summary>
/// Keeps a parent's list of subcommands to one line each while every command's own --help still shows its
/// exit codes and examples: each description is cut to its first paragraph, and the rest is printed after
/// the standard help of that command.
/// </summary>
public sealed class ShortCommandListing : SynchronousCommandLineAction
{
    private readonly HelpAction _standard;
    private readonly Dictionary<Command, string> _details;

    private ShortCommandListing(HelpAction standard, Dictionary<Command, string> details)
    {
        _standard = standard;
        _details = details;
    }

    public static void Install(RootCommand root)
    {
        var details = new Dictionary<Command, string>();
        foreach (var command in Descendants(root))
        {
            var text = command.Description ?? "";
            var cut = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (cut < 0) continue;
            command.Description = text[..cut].Trim();
            details[command] = text[(cut + 2)..].Trim();
        }
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction standard) help.Action = new ShortCommandListing(standard, details);
        }
    }

    /// <summary>
    /// The help action when --help was given, else null. Help must win over "missing argument" errors, which
    /// the library only grants its own (sealed) help action.
    /// </summary>
    public static ShortCommandListing? Requested(RootCommand root, ParseResult parse) =>
        root.Options.OfType<HelpOption>().FirstOrDefault(h => parse.GetResult(h) is not null)?.Action as ShortCommandListing;

    public override int Invoke(ParseResult parseResult)
    {
        var code = _standard.Invoke(parseResult);
        if (_details.TryGetValue(parseResult.CommandResult.Command, out var text))
        {
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var line in text.Split('\n')) output.WriteLine(line.TrimEnd());
            output.WriteLine();
        }
        return code;
    }

    private static IEnumerable<Command> Descendants(Command command) =>
        command.Subcommands.SelectMany(c => Descendants(c).Prepend(c));
}
