using System.Globalization;
using System.Text.RegularExpressions;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Reads RouterOS releases with their build times from MikroTik's update-server files
/// (<c>https://upgrade.mikrotik.com/routeros/NEWESTa7.stable</c> and the other channels; <c>NEWEST6.*</c> for v6): one line
/// <c>&lt;version&gt; &lt;unix time&gt;</c>, the file RouterOS itself reads on check-for-updates. Several lines (a channel's
/// history kept from successive fetches) and '#' comments are accepted. A line may name its own source after the time
/// (<c>7.24.5 1790691687 https://...</c>), for lines transcribed from pages that quote the update file or the npk build time.
/// <para>The unix time is the package build time to the second: the .npk header carries the same number, and a router reports
/// it as /system/resource and /system/package <c>build-time</c> (7.22.1: <c>1774276515</c> in the update file and
/// <c>2026-03-23 14:35:15</c> on a router, recorded by two unrelated public repositories). MikroTik publishes no image hashes
/// here, so each release gives two rows without a hash (<see cref="KnownGoodRow.NoHash"/>) for every model (<c>*</c>): the
/// version, and the version with its build time (<see cref="BuildTimeVersion"/>), which the appliance compares with what the
/// router reports.</para>
/// </summary>
public static partial class RouterOsReleases
{
    public const string Vendor = "MikroTik";

    /// <summary>The model of a release built for every MikroTik model and architecture alike.</summary>
    public const string EveryModel = "*";

    /// <summary>Joins version and build time in a release's second row; the engine's <c>BuildTime.Marker</c> is the same text.</summary>
    public const string BuiltMarker = " built ";

    // 7.16.2, 7.25beta5, 7.24rc1, 6.49.22, 7.1
    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,3})(?:\.\d{1,3})?(?:(?:beta|rc)\d{1,3})?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(\S+)\s+(\d{9,11})(?:\s+(https?://\S+))?$")]
    private static partial Regex LinePattern();

    private const int MaxLines = 10_000;

    // RouterOS 6.0 came out in 2013; a build time outside these years is not a RouterOS release.
    private static readonly DateTimeOffset Earliest = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Release(string Version, DateTimeOffset BuiltUtc, string Source);

    public sealed record Result(List<KnownGoodRow> Rows, List<Release> Releases);

    /// <summary>The version text of a release's build-time row: "7.22.1 built 2026-03-23 14:35:15" (UTC).</summary>
    public static string BuildTimeVersion(string version, DateTimeOffset builtUtc) =>
        version + BuiltMarker + builtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <param name="text">The update file(s), one release per line.</param>
    /// <param name="source">The URL the lines were published at (the NEWEST file), recorded in every row of a line that names
    /// no source of its own; null when every line names one.</param>
    public static Result Parse(string text, string? source)
    {
        var releases = new List<Release>();
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            if (++lineNumber > MaxLines) throw new HashDataException($"more than {MaxLines} lines; that is not a RouterOS update file");
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var m = LinePattern().Match(line);
            if (!m.Success) throw new HashDataException($"line {lineNumber}: expected '<version> <unix time> [source URL]' as in NEWESTa7.stable, got '{Shorten(line)}'");
            var lineSource = m.Groups[3].Success ? m.Groups[3].Value : source
                ?? throw new HashDataException($"line {lineNumber}: no source: give --source, or the URL after the time");
            var version = m.Groups[1].Value;
            var v = VersionPattern().Match(version);
            if (!v.Success || v.Groups[1].Value is not ("6" or "7" or "8"))
                throw new HashDataException($"line {lineNumber}: '{Shorten(version)}' is not a RouterOS 6 or 7 version");
            var built = DateTimeOffset.FromUnixTimeSeconds(long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            if (built < Earliest || built >= Latest) throw new HashDataException($"line {lineNumber}: build time {m.Groups[2].Value} is not between 2013 and 2100");
            if (seen.TryGetValue(version, out var before))
            {
                // One version has one build; two different times for it mean the input is not what it claims.
                if (before != built) throw new HashDataException($"line {lineNumber}: {version} is listed with two build times ({before:u} and {built:u})");
                continue;
            }
            seen.Add(version, built);
            releases.Add(new Release(version, built, lineSource));
        }
        if (releases.Count == 0) throw new HashDataException("no '<version> <unix time>' line; is this a RouterOS NEWEST file?");
        var rows = new List<KnownGoodRow>();
        foreach (var r in releases)
        {
            var stamp = r.BuiltUtc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            rows.Add(new KnownGoodRow(Vendor, EveryModel, r.Version, $"routeros-{r.Version} (release)", KnownGoodRow.NoHash, r.Source));
            rows.Add(new KnownGoodRow(Vendor, EveryModel, BuildTimeVersion(r.Version, r.BuiltUtc), $"routeros-{r.Version} (build time {stamp} UTC)", KnownGoodRow.NoHash, r.Source));
        }
        return new Result(rows, releases);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
