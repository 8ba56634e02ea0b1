using System.CommandLine;
using FlaxGuard.Server;

namespace FlaxGuard.Cli.Checking;

/// <summary>
/// <c>--port-inventory INTERVAL|off</c> of <c>device add</c> and <c>device set</c>: how often the device's appliance
/// tries every TCP port (1-65535) of it, so a new listening port is drift; daily unless set.
/// </summary>
public static class PortInventoryOption
{
    public static Option<string?> Create() => new("--port-inventory")
    {
        Description = "How often the appliance tries every TCP port (1-65535) of this device, so any new listening port is drift: "
            + PortInventorySchedule.Syntax + " [default: daily]. Rounds in between try the risky ports only.",
    };

    /// <summary>Seconds (0 for off), or null when not given.</summary>
    public static int? Read(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } text) return null;
        try
        {
            return PortInventorySchedule.Parse(text);
        }
        catch (StoreException e)
        {
            throw new UserInputException(e.Message);
        }
    }
}
