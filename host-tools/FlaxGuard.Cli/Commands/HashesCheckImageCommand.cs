using System.CommandLine;
using System.Security.Cryptography;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Hashes;
using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard hashes check-image FILE</c>: before flashing, is this image file one the vendor published?
/// The file is hashed (SHA-256, streamed) and looked up in the signed known-good data.
/// </summary>
public static class HashesCheckImageCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("file") { Description = "The firmware image you are about to flash (e.g. openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin)." };
        var board = new Option<string?>("--board") { Description = "Your device's board name (OpenWrt: 'ubus call system board', board_name, e.g. tplink,archer-c7-v2): also checks the image was published for it." };
        var dir = HashesOptions.Directory();
        var publicKey = HashesOptions.PublicKey();
        var command = new Command("check-image", """
            Tell whether a firmware image file is a build its vendor published (today: OpenWrt releases in known-good/), before you flash it. The data's signature is checked first; the file itself is only read and hashed. For OpenWrt images made of a uImage or FIT kernel and a squashfs root file system, the SHA-256 of each part over the length its header declares is shown too (what is compared with a device's flash partitions).

            Exit codes: 0 a published build (for your board, with --board), 1 published but not for the board you named, 2 the firmware data is not signed or was altered, 3 not a published build the data knows (a custom or third-party build, a release newer than the data, or an altered file) or bad input.

            Examples:
              flaxguard hashes check-image openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin
              flaxguard hashes check-image sysupgrade.bin --board tplink,archer-c7-v2
            """)
        {
            file, board, dir, publicKey,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UserInputException($"'{path}' does not exist");
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            VerifiedManifest verified;
            try
            {
                verified = Manifest.Verify(directory, HashesOptions.TrustedKeys(parse.GetValue(publicKey)), DateTimeOffset.UtcNow);
            }
            catch (HashDataException e)
            {
                Console.Error.WriteLine($"flaxguard: REFUSED: the firmware data cannot be trusted, so the image was not judged: {e.Message}");
                return ExitCodes.Critical;
            }
            var sources = SourceSet.Load(directory);
            string sha256;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            var matches = sources.KnownGood.Where(r => r.Sha256 == sha256).ToList();
            console.MarkupLine($"SHA-256 {sha256}");
            // The parts a device's flash holds, over their declared lengths: what flash measurement compares with.
            using (var stream = File.OpenRead(path))
            {
                foreach (var part in FlaxGuard.Hashes.Importers.OpenWrtImageParts.Carve(stream))
                {
                    console.MarkupLine($"  {part.Part}: {part.Format}{(part.Detail.Length > 0 ? " '" + SafeMarkup.Escape(part.Detail) + "'" : "")}, {part.Length:N0} bytes at offset {part.Offset:N0}, SHA-256 {part.Sha256}");
                }
            }
            if (matches.Count == 0)
            {
                console.MarkupLine($"[yellow]NOT KNOWN[/]: this file is not a published build in the firmware data (version {verified.DatabaseVersion}). " +
                                   "It may be a custom or third-party build, a release newer than the data, or an altered file. Compare it with the checksum on the vendor's download page before flashing.");
                return ExitCodes.Unknown;
            }
            foreach (var release in matches.GroupBy(r => (r.Vendor, r.Version, r.Artifact, r.Source)))
            {
                var boards = release.Select(r => r.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                console.MarkupLine($"[green]PUBLISHED[/]: {SafeMarkup.Escape(release.Key.Vendor)} {SafeMarkup.Escape(release.Key.Version)} image {SafeMarkup.Escape(release.Key.Artifact)}, " +
                                   $"for {SafeMarkup.Escape(string.Join(", ", boards))} (source: {SafeMarkup.Escape(release.Key.Source)}).");
            }
            var wanted = parse.GetValue(board);
            if (wanted is not null && !matches.Any(r => string.Equals(r.Model, wanted.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                console.MarkupLine($"[yellow]WRONG BOARD[/]: the image is published, but not for '{SafeMarkup.Escape(wanted)}'. Flashing an image made for another board can brick the device.");
                return ExitCodes.Warning;
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
