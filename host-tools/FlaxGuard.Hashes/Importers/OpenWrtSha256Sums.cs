using System.Text.RegularExpressions;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Imports an OpenWrt <c>sha256sums</c> file (one <c>&lt;64 hex&gt; *&lt;file&gt;</c> line per file, as written by
/// OpenWrt's rules.mk; a two-space separator is accepted too). Only firmware images of one device are
/// kept: the device profile is read from the file name
/// <c>openwrt-[&lt;version&gt;-]&lt;target&gt;-&lt;subtarget&gt;-&lt;profile&gt;-&lt;image type&gt;</c>; SDKs, image builders,
/// package lists and manifests are skipped. profiles.json is the better source when available: it names
/// the boards (supported_devices) a device reports.
/// </summary>
public static partial class OpenWrtSha256Sums
{
    [GeneratedRegex(@"^([0-9a-fA-F]{64}) (?:\*| )(.+)$")]
    private static partial Regex LinePattern();

    // Image kinds that follow the profile in OpenWrt file names (longest first so the profile keeps its dashes).
    private static readonly string[] ImageMarkers =
    [
        "-squashfs-", "-initramfs-", "-ext4-", "-ubifs-", "-jffs2-", "-tplink-", "-kernel.", "-kernel-", "-factory.", "-sysupgrade.", "-rootfs.", "-uImage",
    ];

    public sealed record Result(List<KnownGoodRow> Rows, int Skipped);

    /// <param name="target">The target/subtarget, e.g. "ath79/generic".</param>
    public static Result Parse(string text, string version, string target, string source, IProgress<int>? progress = null)
    {
        var targetPart = target.Trim('/').Replace('/', '-');
        var prefixes = new[] { $"openwrt-{version}-{targetPart}-", $"openwrt-{targetPart}-" };
        var rows = new List<KnownGoodRow>();
        int skipped = 0, lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var m = LinePattern().Match(line);
            if (!m.Success) throw new HashDataException($"sha256sums:{lineNumber}: expected '<64 hex digits> *<file name>', got '{Shorten(line)}'");
            var file = m.Groups[2].Value;
            var profile = ProfileOf(file, prefixes);
            if (profile is null)
            {
                skipped++;
                continue;
            }
            var where = $"sha256sums:{lineNumber}";
            rows.Add(KnownGoodRow.Parse(where, ["OpenWrt", profile, version, file, m.Groups[1].Value.ToLowerInvariant(), source]));
            if (rows.Count % 1000 == 0) progress?.Report(rows.Count);
        }
        return new Result(rows, skipped);
    }

    private static string? ProfileOf(string file, string[] prefixes)
    {
        if (file.Contains('/')) return null;
        foreach (var prefix in prefixes)
        {
            if (!file.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = file[prefix.Length..];
            int cut = -1;
            foreach (var marker in ImageMarkers)
            {
                int at = rest.IndexOf(marker, StringComparison.Ordinal);
                if (at > 0 && (cut < 0 || at < cut)) cut = at;
            }
            if (cut <= 0) return null;
            return rest[..cut];
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
