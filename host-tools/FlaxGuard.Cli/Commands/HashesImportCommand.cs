using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes import</c>: adds rows from published checksum lists and the KEV catalog.</summary>
public static class HashesImportCommand
{
    private const long MaxInputBytes = 256L * 1024 * 1024;

    public static Command Create(IAnsiConsole console)
    {
        var kind = new Argument<string>("kind") { Description = "What the file is: openwrt-sha256sums, openwrt-profiles, hikvision-archive, routeros-releases, or kev." };
        var file = new Argument<string>("file") { Description = "The file to import." };
        var dir = HashesOptions.Directory();
        var source = new Option<string?>("--source") { Description = "URL the file was downloaded from (required for OpenWrt files; every row records it)." };
        var version = new Option<string?>("--version") { Description = "openwrt-sha256sums: the OpenWrt release, e.g. 23.05.3." };
        var target = new Option<string?>("--target") { Description = "openwrt-sha256sums: the target/subtarget, e.g. ath79/generic." };
        var command = new Command("import", """
            Add rows to the firmware data from a published file. OpenWrt checksums go to known-good/openwrt.tsv; KEV entries about routers, cameras, NVRs and NAS devices go to known-exploited.tsv with affected versions 'unknown' (KEV gives none; add the vendor advisory's range by hand). Existing rows are kept. Sign again afterwards.

            Examples:
              flaxguard hashes import openwrt-profiles profiles.json --source https://downloads.openwrt.org/releases/23.05.3/targets/ath79/generic/profiles.json
              flaxguard hashes import openwrt-sha256sums sha256sums --version 23.05.3 --target ath79/generic --source https://downloads.openwrt.org/releases/23.05.3/targets/ath79/generic/sha256sums
              flaxguard hashes import kev known_exploited_vulnerabilities.json
              flaxguard hashes import hikvision-archive firmwares_live.json --dir data/hikvision --source https://github.com/JoeyGE0/hikvision-fw-archive/blob/a60dcc7be2ac8cddf6ad0071d33e91e1589f72dc/firmwares_live.json
              flaxguard hashes import routeros-releases NEWESTa7.stable --dir data/routeros --source https://upgrade.mikrotik.com/routeros/NEWESTa7.stable
            """)
        {
            kind, file, dir, source, version, target,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var what = parse.GetValue(kind)!;
            if (what is not ("openwrt-sha256sums" or "openwrt-profiles" or "hikvision-archive" or "routeros-releases" or "kev"))
                throw new UserInputException($"unknown import kind '{what}'; use openwrt-sha256sums, openwrt-profiles, hikvision-archive, routeros-releases or kev");
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UserInputException($"'{path}' does not exist");
            if (new FileInfo(path).Length > MaxInputBytes) throw new UserInputException($"'{path}' is larger than 256 MiB; that is not a checksum list");
            var text = File.ReadAllText(path);
            return what switch
            {
                "openwrt-sha256sums" => ImportKnownGood(console, directory, progress => OpenWrtSha256Sums.Parse(text,
                    parse.GetValue(version) ?? throw new UserInputException("--version is required for openwrt-sha256sums (the release, e.g. 23.05.3)"),
                    parse.GetValue(target) ?? throw new UserInputException("--target is required for openwrt-sha256sums (e.g. ath79/generic)"),
                    RequireSource(parse.GetValue(source)), progress).Rows),
                "openwrt-profiles" => ImportKnownGood(console, directory, progress => OpenWrtProfiles.Parse(text, RequireSource(parse.GetValue(source)), progress)),
                "hikvision-archive" => ImportKnownGood(console, directory, _ => ReportHikvision(console, HikvisionArchive.Parse(text, RequireSource(parse.GetValue(source)))), "hikvision.tsv"),
                "routeros-releases" => ImportKnownGood(console, directory, _ => ReportRouterOs(console, RouterOsReleases.Parse(text, parse.GetValue(source))), "mikrotik.tsv"),
                "kev" => ImportKev(console, directory, text),
                var other => throw new UserInputException($"unknown import kind '{other}'; use openwrt-sha256sums, openwrt-profiles, hikvision-archive, routeros-releases or kev"),
            };
        }));
        return command;
    }

    private static string RequireSource(string? source) =>
        source ?? throw new UserInputException("--source is required: the URL the file was published at, recorded in every row");

    private static List<KnownGoodRow> ReportHikvision(IAnsiConsole console, HikvisionArchive.Result result)
    {
        console.MarkupLine($"{result.Entries:N0} entries; {result.Inconsistent:N0} left out because their file name does not repeat their version and date; {result.Rows.Count:N0} releases.");
        return result.Rows;
    }

    private static List<KnownGoodRow> ReportRouterOs(IAnsiConsole console, RouterOsReleases.Result result)
    {
        foreach (var r in result.Releases)
            console.MarkupLine($"RouterOS {SafeMarkup.Escape(r.Version)} built {r.BuiltUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        return result.Rows;
    }

    private static int ImportKnownGood(IAnsiConsole console, string directory, Func<IProgress<int>, List<KnownGoodRow>> parse, string file = "openwrt.tsv")
    {
        Directory.CreateDirectory(Path.Combine(directory, SourceSet.KnownGoodFolder));
        var target = Path.Combine(directory, SourceSet.KnownGoodFolder, file);
        List<KnownGoodRow> imported = [];
        if (console.Profile.Capabilities.Interactive)
        {
            console.Status().Start("Reading…", ctx => imported = parse(new SyncProgress<int>(n => ctx.Status($"Reading… {n:N0} rows"))));
        }
        else
        {
            // Logs and pipes get a counter line now and then instead of a spinner.
            int reported = 0;
            imported = parse(new SyncProgress<int>(n =>
            {
                if (n - reported < 100_000) return;
                reported = n;
                Console.Error.WriteLine($"flaxguard: read {n:N0} rows…");
            }));
        }
        var existing = File.Exists(target)
            ? TsvTable.Read(target, KnownGoodRow.Columns).Select(r => KnownGoodRow.Parse($"{target}:{r.Line}", r.Fields)).ToList()
            : [];
        var seen = new HashSet<KnownGoodRow>(existing);
        int added = 0;
        foreach (var row in imported)
        {
            if (seen.Add(row))
            {
                existing.Add(row);
                added++;
            }
        }
        existing.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Model, b.Model);
            if (c == 0) c = string.CompareOrdinal(a.Version, b.Version);
            return c != 0 ? c : string.CompareOrdinal(a.Artifact, b.Artifact);
        });
        SourceSet.WriteTable(target, KnownGoodRow.Columns, existing.Select(r => r.Fields()));
        console.MarkupLine($"Added [bold]{added:N0}[/] of {imported.Count:N0} rows to {SafeMarkup.Escape(target)}. Run 'flaxguard hashes sign' to sign the change.");
        return 0;
    }

    private static int ImportKev(IAnsiConsole console, string directory, string json)
    {
        var result = KevImporter.Parse(json);
        var target = Path.Combine(directory, SourceSet.KnownExploitedFile);
        var existing = File.Exists(target)
            ? TsvTable.Read(target, KnownExploitedRow.Columns).Select(r => KnownExploitedRow.Parse($"{target}:{r.Line}", r.Fields)).ToList()
            : [];
        var (merged, added) = KevImporter.Merge(existing, result.Rows);
        SourceSet.WriteTable(target, KnownExploitedRow.Columns, merged.Select(r => r.Fields()));
        var cves = result.Rows.Select(r => r.Cve).Distinct().Count();
        console.MarkupLine($"KEV {SafeMarkup.Escape(result.CatalogVersion)}: {result.CatalogEntries:N0} entries, {cves} about routers, cameras, NVRs or NAS devices; added [bold]{added}[/] row(s) to {SafeMarkup.Escape(target)}. Run 'flaxguard hashes sign' to sign the change.");
        return 0;
    }
}
