using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes lookup</c>: what the appliance would conclude about one firmware.</summary>
public static class HashesLookupCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var db = new Option<string?>("--db") { Description = "The compiled database." };
        var applianceKey = HashesOptions.ApplianceKey();
        var sha256 = new Option<string?>("--sha256") { Description = "SHA-256 (hex) of a firmware image." };
        var vendor = new Option<string?>("--vendor") { Description = "Vendor as the device reports it, e.g. TP-Link." };
        var model = new Option<string?>("--model") { Description = "Model or board, e.g. 'Archer AX21'." };
        var version = new Option<string?>("--version") { Description = "Firmware version, e.g. 1.1.3." };
        var build = new Option<string?>("--build") { Description = "The build the device reports apart from the version: RouterOS build-time ('2026-03-23 14:35:15'), Hikvision 'build 210628'." };
        var command = new Command("lookup", """
            Look a firmware up in a compiled database exactly as the appliance does (through ranged reads), and print the firmware verdicts and the number of storage reads used.

            Examples:
              flaxguard hashes lookup --db firmware.db --appliance-key appliance.key --vendor TP-Link --model "Archer AX21" --version 1.1.3
              flaxguard hashes lookup --db firmware.db --appliance-key office-dongle.json --sha256 8b194c61...
              flaxguard hashes lookup --db firmware.db --appliance-key appliance.key --vendor MikroTik --model RB5009UG+S+ --version 7.22.1 --build "2026-03-23 14:35:15"

            Exit codes (monitoring plugins): 0 a published known-good build, 1 a mismatch or changed firmware, 2 known-exploited or not the vendor's build,
            3 the data cannot vouch for this firmware (not in the database) or the input was wrong.
            """)
        {
            db, applianceKey, sha256, vendor, model, version, build,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var dbPath = parse.GetValue(db) ?? throw new UserInputException("--db is required: the compiled database");
            if (!File.Exists(dbPath)) throw new UserInputException($"'{dbPath}' does not exist");
            var key = HashesOptions.ReadApplianceKey(parse.GetValue(applianceKey));
            var hash = parse.GetValue(sha256);
            if (hash is not null && (Hex.TryDecode(hash) is not { Length: 32 })) throw new UserInputException("--sha256 must be 64 hex digits");
            var reportedVersion = parse.GetValue(version);
            if (hash is null && reportedVersion is null) throw new UserInputException("give --sha256, or --vendor, --model and --version (or both)");

            using var file = FileBlobReader.SingleFile(dbPath, "hashdb");
            var counting = new CountingBlobReader(file);
            var reader = HashDbReader.Open(counting, "hashdb", key, HashDbReader.DefaultBufferBytes, out var problem)
                ?? throw new UserInputException($"{dbPath}: {problem}");
            counting.Reset();

            var table = new Table().AddColumns("severity", "verdict", "message");
            var verified = false;
            var worst = Severity.None;
            if (hash is not null)
            {
                foreach (var identity in reader.FindByArtifact(Hex.TryDecode(hash)!))
                {
                    table.AddRow("", "artifact", SafeMarkup.Escape("published as " + identity));
                    verified = true;
                }
            }
            if (reportedVersion is not null)
            {
                var observation = new FirmwareObservation(parse.GetValue(vendor), parse.GetValue(model), reportedVersion, hash, parse.GetValue(build), null);
                foreach (var verdict in FirmwareAssessor.Assess(reader, null, observation, null))
                {
                    table.AddRow(SeverityNames.Name(verdict.Severity), SafeMarkup.Escape(verdict.Code), SafeMarkup.Escape(verdict.Message));
                    if (verdict.Code == FirmwareAssessor.KnownGoodCode) verified = true;
                    if (verdict.Severity > worst) worst = verdict.Severity;
                }
            }
            if (table.Rows.Count == 0) table.AddRow("", "artifact", "not in the database");
            console.Write(table);
            console.MarkupLine($"[grey]{counting.Reads} storage read(s), {counting.BytesRead:N0} bytes.[/]");
            // Monitoring codes: known-exploited is CRITICAL, a mismatch or changed firmware WARNING, a published build
            // OK, and a firmware the data cannot vouch for UNKNOWN (never OK).
            return worst >= Severity.Critical ? ExitCodes.Critical
                : worst >= Severity.Medium ? ExitCodes.Warning
                : verified ? ExitCodes.Ok
                : ExitCodes.Unknown;
        }));
        return command;
    }
}
