using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Sources;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard hashes merge STAGED</c>: adds the rows of a staged data folder (same layout as hashes/: known-good/&lt;vendor&gt;.tsv
/// and known-exploited.tsv, unsigned, kept in the repository for review, e.g. data/hikvision) to the firmware data. Every row
/// is checked as the compiler checks it; rows already present are skipped; nothing is removed, except with --replace the earlier versioned rows of the CVEs the staged known-exploited rows revise. Sign again afterwards.
/// </summary>
public static class HashesMergeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var staged = new Argument<string>("staged") { Description = "Folder with known-good/<vendor>.tsv and/or known-exploited.tsv to add." };
        var dir = HashesOptions.Directory();
        var replace = new Option<bool>("--replace")
        {
            Description = "The staged known-exploited rows revise the data's: rows of the same vendor and CVE that state versions are removed first (rows without versions, such as the KEV import, stay).",
        };
        var command = new Command("merge", """
            Add the rows of a staged folder (the hashes/ layout, unsigned) to the firmware data; existing rows are kept and duplicates skipped. Sign again afterwards.

            Example:
              flaxguard hashes merge data/hikvision --replace
              flaxguard hashes sign --key /safe/place/flaxguard-release.key
            """)
        {
            staged, dir, replace,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var from = parse.GetValue(staged)!;
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            HashesOptions.RequireDirectory(from);
            if (Path.GetFullPath(from) == Path.GetFullPath(directory)) throw new UserInputException("the staged folder is the data folder itself");
            var rows = SourceSet.Load(from);
            int good = 0;
            foreach (var group in rows.KnownGood.GroupBy(r => r.Vendor.ToLowerInvariant()))
            {
                var file = Path.Combine(directory, SourceSet.KnownGoodFolder, group.Key.Replace(' ', '-') + ".tsv");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var existing = File.Exists(file)
                    ? TsvTable.Read(file, KnownGoodRow.Columns).Select(r => KnownGoodRow.Parse($"{file}:{r.Line}", r.Fields)).ToList()
                    : [];
                var seen = new HashSet<KnownGoodRow>(existing);
                foreach (var row in group)
                {
                    if (seen.Add(row)) { existing.Add(row); good++; }
                }
                SourceSet.WriteTable(file, KnownGoodRow.Columns, existing.Select(r => r.Fields()), Comments(Path.Combine(from, SourceSet.KnownGoodFolder, Path.GetFileName(file))));
            }
            int bad = 0;
            if (rows.KnownExploited.Count > 0)
            {
                var file = Path.Combine(directory, SourceSet.KnownExploitedFile);
                var existing = File.Exists(file)
                    ? TsvTable.Read(file, KnownExploitedRow.Columns).Select(r => KnownExploitedRow.Parse($"{file}:{r.Line}", r.Fields)).ToList()
                    : [];
                int removed = 0;
                if (parse.GetValue(replace))
                {
                    var revised = rows.KnownExploited.Select(r => (r.Vendor.ToLowerInvariant(), r.Cve)).ToHashSet();
                    removed = existing.RemoveAll(r => r.Affected != "unknown" && revised.Contains((r.Vendor.ToLowerInvariant(), r.Cve)) && !rows.KnownExploited.Contains(r));
                    if (removed > 0) console.MarkupLine($"Removed {removed:N0} earlier row(s) of the revised CVEs.");
                }
                var seen = new HashSet<KnownExploitedRow>(existing);
                foreach (var row in rows.KnownExploited)
                {
                    if (seen.Add(row)) { existing.Add(row); bad++; }
                }
                SourceSet.WriteTable(file, KnownExploitedRow.Columns, existing.Select(r => r.Fields()));
            }
            console.MarkupLine($"Added [bold]{good:N0}[/] known-good and [bold]{bad:N0}[/] known-exploited row(s) from {SafeMarkup.Escape(from)}. Run 'flaxguard hashes sign' to sign the change.");
            return 0;
        }));
        return command;
    }

    // The staged file's leading comments (where its rows came from) travel with them.
    private static IEnumerable<string> Comments(string stagedFile) =>
        File.Exists(stagedFile) ? File.ReadLines(stagedFile).TakeWhile(l => l.StartsWith('#')).ToList() : [];
}
