using System.CommandLine;

namespace FlaxGuard.Cli.Checking;

/// <summary>
/// <c>--factory-check on|off</c> of <c>device add</c> and <c>device set</c>: the owner's per-device opt-in to the
/// factory-password check (off by default; FlaxGuard never tries passwords on a device nobody opted in).
/// </summary>
public static class FactoryCheckOption
{
    public static Option<string?> Create() => new Option<string?>("--factory-check")
    {
        Description = "Opt this device in to (on) or out of (off) the factory-password check: once a day, a few logins with its family's documented default and the Mirai botnet's list, stopping at any sign of a lockout [default: off].",
    }.AcceptOnlyFromAmongFluent("on", "off");

    /// <summary>True for on, false for off, null when not given.</summary>
    public static bool? Read(ParseResult parse, Option<string?> option) => parse.GetValue(option) switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };

    private static Option<string?> AcceptOnlyFromAmongFluent(this Option<string?> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
