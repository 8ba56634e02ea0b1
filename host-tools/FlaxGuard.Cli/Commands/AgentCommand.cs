using System.CommandLine;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent</c>: appliances (ESP32 dongles and Linux agents) that check devices for this host.</summary>
public static class AgentCommand
{
    public static Command Create(IAnsiConsole console) => new("agent", """
        Enroll appliances: each gets an identity and a key, handed over once as a provisioning file. Rekey one whose key may have been copied; remove one you retired.

        Examples:
          flaxguard agent add office-dongle --host-url https://192.0.2.10:8443 --out office-dongle.json
          flaxguard agent rekey office-dongle --host-url https://192.0.2.10:8443 --out office-dongle-new.json
          flaxguard agent remove attic-pi
        """)
    {
        AgentAddCommand.Create(console),
        AgentRekeyCommand.Create(console),
        AgentRemoveCommand.Create(console),
        AgentRunCommand.Create(console),
    };
}
