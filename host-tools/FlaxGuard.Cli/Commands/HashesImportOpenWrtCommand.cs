using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard hashes import-openwrt PATH...</c>: OpenWrt's published profiles.json (or a release's worth of them as
/// kept in a public mirror) into known-good/openwrt.tsv, each row citing the profiles.json it came from.
/// </summary>
public static class HashesImportOpenWrtCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "profiles.json files, .nix release files (cached-profiles/<version>.nix), or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var dir = HashesOptions.Directory();
        var via = new Option<string?>("--via") { Description = "How the files reached you when not from downloads.openwrt.org (e.g. 'github.com/astro/nix-openwrt-imagebuilder@4f6fbb41b cached-profiles/23.05.5.nix'); recorded in a comment beside the release's version code." };
        var images = new Option<string[]>("--image") { Description = "An official image file (downloaded from the release): checked against the imported hashes, then its kernel and rootfs parts are hashed over their declared lengths (repeatable).", AllowMultipleArgumentsPerToken = false };
        var partsOut = new Option<string?>("--parts-out") { Description = "Where to write the part hashes of --image files as TSV (vendor, board, version, part, offset, length, sha256, image_sha256, source); without it they are printed." };
        var command = new Command("import-openwrt", """
            Import OpenWrt release data: every image's sha256 and sha256_unsigned, once per board name in supported_devices, into known-good/openwrt.tsv. Each row's source is the profiles.json OpenWrt publishes for that release and target (taken from the file's own version_number and target); the release's version code is kept in a comment at the top. Importing the same data again adds nothing. Sign again afterwards.

            Examples:
              flaxguard hashes import-openwrt releases/23.05.5/targets/ath79/generic/profiles.json
              flaxguard hashes import-openwrt ./downloads.openwrt.org/releases/23.05.5/
              flaxguard hashes import-openwrt 23.05.5.nix --via "github.com/astro/nix-openwrt-imagebuilder@4f6fbb41b cached-profiles/23.05.5.nix"
              flaxguard hashes import-openwrt profiles.json --image openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin --parts-out parts.tsv
            """)
        {
            paths, dir, via, images, partsOut,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var viaText = parse.GetValue(via);
            if (viaText is not null && (viaText.Length > 200 || viaText.Any(char.IsControl))) throw new UserInputException("--via must be one line of at most 200 characters");
            var files = OpenWrtReleaseImport.FindFiles(parse.GetValue(paths)!);
            if (files.Count == 0) throw new UserInputException("no profiles.json or .nix files found");
            var read = new List<OpenWrtProfilesFile>();
            foreach (var file in files) read.AddRange(OpenWrtReleaseImport.Read(file));

            var target = Path.Combine(directory, SourceSet.KnownGoodFolder, "openwrt.tsv");
            var existing = File.Exists(target)
                ? TsvTable.Read(target, KnownGoodRow.Columns).Select(r => KnownGoodRow.Parse($"{target}:{r.Line}", r.Fields)).ToList()
                : [];
            var (merged, added) = OpenWrtReleaseImport.Merge(existing, read.SelectMany(f => f.Rows));
            var comments = read.Select(f => OpenWrtReleaseImport.ReleaseComment(f, viaText)).Distinct(StringComparer.Ordinal).ToList();
            SourceSet.WriteTable(target, KnownGoodRow.Columns, merged.Select(r => r.Fields()), comments);

            foreach (var release in read.GroupBy(f => (f.Version, f.VersionCode)).OrderBy(g => g.Key.Version, StringComparer.Ordinal))
            {
                console.MarkupLine($"OpenWrt {SafeMarkup.Escape(release.Key.Version)} ({SafeMarkup.Escape(release.Key.VersionCode)}): {release.Count()} target(s), " +
                                   $"{release.Sum(f => f.Images):N0} image(s), {release.Sum(f => f.Rows.Count):N0} row(s).");
            }
            console.MarkupLine($"Added [bold]{added:N0}[/] row(s) to {SafeMarkup.Escape(target)} ({merged.Count:N0} in all). Run 'flaxguard hashes sign' to sign the change.");
            var imageFiles = parse.GetValue(images) ?? [];
            if (imageFiles.Length > 0) WriteParts(console, imageFiles, merged, parse.GetValue(partsOut));
            return 0;
        }));
        return command;
    }

    /// <summary>Part hashes of official images only: an image whose hash is not a published row is refused.</summary>
    private static void WriteParts(IAnsiConsole console, string[] imageFiles, IReadOnlyList<KnownGoodRow> published, string? outPath)
    {
        var lines = new List<string> { "vendor\tboard\tversion\tpart\toffset\tlength\tsha256\timage_sha256\tsource" };
        foreach (var file in imageFiles)
        {
            if (!File.Exists(file)) throw new UserInputException($"image '{file}' does not exist");
            using var stream = File.OpenRead(file);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
            var rows = published.Where(r => r.Sha256 == sha).ToList();
            if (rows.Count == 0) throw new UserInputException($"'{file}' (SHA-256 {sha}) is not a published image in the imported data; part hashes are taken from official images only");
            var parts = OpenWrtImageParts.Carve(stream);
            if (parts.Count == 0) console.MarkupLine($"{SafeMarkup.Escape(file)}: no uImage/FIT kernel with a squashfs root file system found; no parts.");
            foreach (var row in rows.GroupBy(r => (r.Vendor, r.Model, r.Version, r.Source)).Select(g => g.Key))
                foreach (var part in parts)
                    lines.Add(string.Join('\t', row.Vendor, row.Model, row.Version, part.Part, part.Offset, part.Length, part.Sha256, sha, row.Source));
        }
        if (outPath is null) foreach (var line in lines) Console.Out.WriteLine(line);
        else
        {
            File.WriteAllText(outPath, string.Join('\n', lines) + "\n");
            console.MarkupLine($"Wrote {lines.Count - 1:N0} part hash row(s) to {SafeMarkup.Escape(outPath)}.");
        }
    }
}
