using System.CommandLine;

namespace FlaxGuard.Cli.Commands;

/// <summary>--yes: confirms a deletion without being asked (needed in scripts, where nobody can answer).</summary>
internal static class YesOption
{
    public static Option<bool> Create() => new("--yes", "-y")
    {
        Description = "Do not ask; confirm the deletion (needed when there is no terminal, e.g. in scripts).",
    };
}
