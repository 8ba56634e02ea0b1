using System.CommandLine;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device</c>: the routers and cameras appliances check.</summary>
public static class DeviceCommand
{
    public static Command Create(IAnsiConsole console) => new("device", """
        Enroll, change, list and remove the routers, cameras and NAS boxes an appliance checks. Credentials are encrypted at rest and never printed.

        Examples:
          printf '%s\n' "$ROUTER_PASSWORD" | flaxguard device add office-router --address 192.0.2.1 --profile openwrt --user root --password-stdin
          flaxguard device set office-router --password-prompt
          flaxguard device list
          flaxguard device remove office-router
        """)
    {
        DeviceAddCommand.Create(console),
        DeviceSetCommand.Create(console),
        DeviceListCommand.Create(console),
        DeviceRemoveCommand.Create(console),
        DeviceFactoryCheckCommand.Create(console),
    };
}
