using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes stats</c>: what the source data and a compiled database hold.</summary>
public static class HashesStatsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dir = HashesOptions.Directory();
        var db = new Option<string?>("--db") { Description = "Also describe this compiled database (needs --appliance-key to authenticate it)." };
        var applianceKey = HashesOptions.ApplianceKey();
        var command = new Command("stats", """
            Count the rows of the firmware data by file, vendor and device category, how many known-exploited rows state their affected versions, and (with --db) the sizes of a compiled database.

            Examples:
              flaxguard hashes stats
              flaxguard hashes stats --db firmware.db --appliance-key appliance.key
            """)
        {
            dir, db, applianceKey,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var sources = SourceSet.Load(directory);
            var table = new Table().AddColumns("data", "rows", "detail");
            foreach (var vendor in sources.KnownGood.GroupBy(r => r.Vendor).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
            {
                var identities = vendor.Select(r => (r.Model, r.Version)).Distinct().Count();
                table.AddRow(SafeMarkup.Escape($"known-good {vendor.Key}"), vendor.Count().ToString("N0"), $"{identities:N0} model/version pairs");
            }
            if (sources.KnownGood.Count == 0) table.AddRow("known-good", "0", "no published hashes imported yet");
            var bad = sources.KnownExploited;
            table.AddRow("known-exploited", bad.Count.ToString("N0"),
                $"{bad.Select(r => r.Cve).Distinct().Count()} CVEs, {bad.Select(r => r.Vendor).Distinct(StringComparer.OrdinalIgnoreCase).Count()} vendors, "
                + $"{bad.Count(r => r.Affected != VersionRange.Unknown)} with affected versions, {bad.Count(r => r.Botnet2024 != "no")} tied to the 2024 botnet");
            foreach (var category in KnownExploitedRow.Categories)
                table.AddRow(SafeMarkup.Escape($"  {category}"), bad.Count(r => r.Category.Split(',').Contains(category)).ToString("N0"), "");
            console.Write(table);

            var dbPath = parse.GetValue(db);
            if (dbPath is null) return 0;
            if (!File.Exists(dbPath)) throw new UserInputException($"'{dbPath}' does not exist");
            var key = HashesOptions.ReadApplianceKey(parse.GetValue(applianceKey));
            using var blob = FileBlobReader.SingleFile(dbPath, "hashdb");
            var reader = HashDbReader.Open(blob, "hashdb", key, HashDbReader.DefaultBufferBytes, out var problem)
                ?? throw new UserInputException($"{dbPath}: {problem}");
            long size = new FileInfo(dbPath).Length;
            console.MarkupLine($"Database [bold]{SafeMarkup.Escape(dbPath)}[/]: version {reader.DatabaseVersion}, signed by key {reader.SignerKeyId}, "
                + $"{reader.ArtifactCount:N0} artifacts, {reader.ReleaseCount:N0} releases of {reader.ModelCount:N0} models "
                + $"({reader.VendorCount:N0} vendors, {reader.VersionCount:N0} versions), {reader.ExploitCount:N0} exploit rows, {size:N0} bytes"
                + (reader.ArtifactCount > 0 ? $" ({(double)size / reader.ArtifactCount:F1} bytes per artifact)." : "."));
            return 0;
        }));
        return command;
    }
}
