using System.CommandLine;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes</c>: the signed firmware data in hashes/ and the database compiled from it.</summary>
public static class HashesCommand
{
    public static Command Create(IAnsiConsole console) => new("hashes", """
        Manage the firmware data: known-good firmware hashes and known-exploited firmware (hashes/ in the repository), its Ed25519 signature, and the compact database the appliance looks firmware up in.

        Typical release flow:
          flaxguard hashes import kev known_exploited_vulnerabilities.json
          flaxguard hashes sign --key /safe/place/flaxguard-release.key
          flaxguard hashes verify
          flaxguard hashes compile --appliance-key appliance.key --out firmware.db
          flaxguard hashes lookup --db firmware.db --appliance-key appliance.key --vendor TP-Link --model "Archer AX21" --version 1.1.3
        """)
    {
        HashesKeygenCommand.Create(console),
        HashesSignCommand.Create(console),
        HashesVerifyCommand.Create(console),
        HashesImportCommand.Create(console),
        HashesImportOpenWrtCommand.Create(console),
        HashesMergeCommand.Create(console),
        HashesCheckImageCommand.Create(console),
        HashesCompileCommand.Create(console),
        HashesStatsCommand.Create(console),
        HashesLookupCommand.Create(console),
    };
}
