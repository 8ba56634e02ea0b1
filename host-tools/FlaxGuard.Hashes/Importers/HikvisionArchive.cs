using System.Text.Json;
using System.Text.RegularExpressions;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Reads a list of published Hikvision firmware (the <c>firmwares_live.json</c> of JoeyGE0/hikvision-fw-archive, which
/// records what Hikvision's download centre lists: model, version, date and file name per entry) into known-good rows
/// without a hash: Hikvision publishes none, so a release is known by model, version and build date only
/// (<see cref="KnownGoodRow.NoHash"/>). The archive is scraped and some entries carry another entry's file; only entries
/// whose file name repeats both the version and the date (<c>..._V5.7.51_230829_...</c> or <c>..._V5.7.51_build230829</c>)
/// are taken. The version is written as the camera reports it with its build date: "V5.7.51 build 230829".
/// </summary>
public static partial class HikvisionArchive
{
    public const string Vendor = "Hikvision";

    [GeneratedRegex(@"V(\d+\.\d+\.\d+)_(?:build)?(\d{6})(?:_|\.|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionAndBuild();

    // A model code as the device reports it in deviceInfo (e.g. DS-2CD2043G2-I, DS-2CD2347G3P-LIS2UY/SL).
    [GeneratedRegex(@"^DS-[0-9A-Z][0-9A-Z/-]{3,40}$")]
    private static partial Regex ModelCode();

    public sealed record Result(List<KnownGoodRow> Rows, int Entries, int Inconsistent);

    public static Result Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new HashDataException($"the Hikvision firmware list is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new HashDataException("the Hikvision firmware list is not an object of entries; is it firmwares_live.json?");
            var rows = new List<KnownGoodRow>();
            var seen = new HashSet<(string, string)>();
            int entries = 0, inconsistent = 0;
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                entries++;
                var e = entry.Value;
                if (e.ValueKind != JsonValueKind.Object) continue;
                var model = Text(e, "model");
                var version = Text(e, "version");
                var date = Text(e, "date");
                var file = Text(e, "filename");
                if (!ModelCode().IsMatch(model)) continue;
                var m = VersionAndBuild().Match(file);
                // yyyy-mm-dd of the entry must be the file's yymmdd.
                if (!m.Success || m.Groups[1].Value != version || date.Length != 10 || date[2..].Replace("-", "") != m.Groups[2].Value)
                {
                    inconsistent++;
                    continue;
                }
                var release = $"V{version} build {m.Groups[2].Value}";
                if (!seen.Add((model, release))) continue;
                rows.Add(new KnownGoodRow(Vendor, model, release, file, KnownGoodRow.NoHash, source));
            }
            rows.Sort((a, b) =>
            {
                int c = string.CompareOrdinal(a.Model, b.Model);
                return c != 0 ? c : string.CompareOrdinal(a.Version, b.Version);
            });
            return new Result(rows, entries, inconsistent);
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? (v.GetString() ?? "").Trim() : "";
}
