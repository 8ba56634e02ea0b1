using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>One target's profiles.json as read: what it says about itself and the known-good rows it gives.</summary>
/// <param name="Origin">The file it was read from (and, for a .nix mirror, the attribute path inside it).</param>
/// <param name="Source">Where OpenWrt publishes this profiles.json; every row records it.</param>
public sealed record OpenWrtProfilesFile(string Origin, string Version, string VersionCode, string Target, string Source, int Images, IReadOnlyList<KnownGoodRow> Rows);

/// <summary>
/// Finds OpenWrt release data in files and folders: <c>profiles.json</c> as published per target on
/// downloads.openwrt.org, and <c>*.nix</c> files that hold every target's profiles.json of a release as Nix
/// data (astro/nix-openwrt-imagebuilder's cached-profiles/&lt;version&gt;.nix, MIT). Each target's rows cite the
/// profiles.json OpenWrt publishes, derived from its own <c>version_number</c> and <c>target</c> fields.
/// </summary>
public static partial class OpenWrtReleaseImport
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const int MaxFiles = 10_000;
    private const int MaxSearchDepth = 6;

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[0-9a-z_-]{1,32}/[0-9a-z_-]{1,32}$")]
    private static partial Regex TargetPattern();

    /// <summary>Where OpenWrt publishes a target's profiles.json (releases; SNAPSHOT builds under snapshots/).</summary>
    public static string PublishedUrl(string version, string target, string where)
    {
        if (!VersionPattern().IsMatch(version)) throw new HashDataException($"{where}: version_number '{version}' is not a release name");
        if (!TargetPattern().IsMatch(target)) throw new HashDataException($"{where}: target '{target}' is not <target>/<subtarget>");
        return version.Equals("SNAPSHOT", StringComparison.OrdinalIgnoreCase)
            ? $"https://downloads.openwrt.org/snapshots/targets/{target}/profiles.json"
            : $"https://downloads.openwrt.org/releases/{version}/targets/{target}/profiles.json";
    }

    /// <summary>The profiles.json and .nix files named or found (recursively) under the given paths, in ordinal order.</summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 8, IgnoreInaccessible = true }))
                {
                    var name = Path.GetFileName(f);
                    if (name == "profiles.json" || name.EndsWith(".nix", StringComparison.Ordinal)) files.Add(f);
                    if (files.Count > MaxFiles) throw new HashDataException($"more than {MaxFiles} files under '{path}'");
                }
            }
            else throw new HashDataException($"'{path}' does not exist");
        }
        return files.ToList();
    }

    /// <summary>Reads one file: a profiles.json, or a .nix file holding one or more targets' profiles.json.</summary>
    public static IReadOnlyList<OpenWrtProfilesFile> Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes) throw new HashDataException($"{path}: larger than {MaxFileBytes / (1024 * 1024)} MiB");
        var text = File.ReadAllText(path);
        JsonNode? root;
        if (path.EndsWith(".nix", StringComparison.Ordinal))
        {
            root = NixData.Parse(text, path);
        }
        else
        {
            try
            {
                root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException e)
            {
                throw new HashDataException($"{path}: not valid JSON: {e.Message}");
            }
        }
        var found = new List<OpenWrtProfilesFile>();
        Collect(root, path, 0, found);
        if (found.Count == 0) throw new HashDataException($"{path}: no profiles.json data (an object with version_number, target and profiles)");
        return found;
    }

    private static void Collect(JsonNode? node, string origin, int depth, List<OpenWrtProfilesFile> found)
    {
        if (node is not JsonObject obj || depth > MaxSearchDepth) return;
        if (obj.ContainsKey("profiles") && obj.ContainsKey("version_number"))
        {
            found.Add(FromProfiles(obj, origin));
            return;
        }
        foreach (var (name, child) in obj) Collect(child, origin + "/" + name, depth + 1, found);
    }

    private static OpenWrtProfilesFile FromProfiles(JsonObject profiles, string origin)
    {
        var version = Text(profiles, "version_number", origin);
        var target = Text(profiles, "target", origin);
        var code = profiles["version_code"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : "unknown";
        var source = PublishedUrl(version, target, origin);
        using var doc = JsonDocument.Parse(profiles.ToJsonString());
        int images = 0;
        foreach (var p in doc.RootElement.GetProperty("profiles").EnumerateObject())
        {
            if (p.Value.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array) images += list.GetArrayLength();
        }
        var rows = OpenWrtProfiles.Parse(doc.RootElement, source);
        return new OpenWrtProfilesFile(origin, version, code, target, source, images, rows);
    }

    private static string Text(JsonObject obj, string name, string origin) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new HashDataException($"{origin}: missing string '{name}'");

    /// <summary>
    /// Adds <paramref name="imported"/> to <paramref name="existing"/>: a row already present (same fields) is not added again,
    /// so importing the same data twice changes nothing. Returns the merged rows in a stable order and how many were new.
    /// </summary>
    public static (List<KnownGoodRow> Rows, int Added) Merge(IEnumerable<KnownGoodRow> existing, IEnumerable<KnownGoodRow> imported)
    {
        var rows = existing.ToList();
        var seen = new HashSet<KnownGoodRow>(rows);
        int added = 0;
        foreach (var row in imported)
        {
            if (!seen.Add(row)) continue;
            rows.Add(row);
            added++;
        }
        rows.Sort(CompareRows);
        return (rows, added);
    }

    public static int CompareRows(KnownGoodRow a, KnownGoodRow b)
    {
        int c = string.CompareOrdinal(a.Model, b.Model);
        if (c == 0) c = string.CompareOrdinal(a.Version, b.Version);
        if (c == 0) c = string.CompareOrdinal(a.Artifact, b.Artifact);
        if (c == 0) c = string.CompareOrdinal(a.Sha256, b.Sha256);
        if (c == 0) c = string.CompareOrdinal(a.Vendor, b.Vendor);
        return c != 0 ? c : string.CompareOrdinal(a.Source, b.Source);
    }

    /// <summary>The comment line that records a release's build identity and how its data arrived (kept at the top of the table).</summary>
    public static string ReleaseComment(OpenWrtProfilesFile file, string? via) =>
        $"# OpenWrt {file.Version} version_code {file.VersionCode}" + (via is null ? "" : " via " + via);
}
