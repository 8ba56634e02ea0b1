using System.Text.Json;
using System.Text.RegularExpressions;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Imports the CISA Known Exploited Vulnerabilities catalog (JSON, cisagov/kev-data): keeps the entries
/// about routers, cameras, NVR/DVRs and NAS devices, judged by words in their product and vulnerability
/// names. KEV gives no version ranges, so rows get affected = fixed = "unknown" until someone adds the
/// vendor advisory's range by hand. The model pattern is '*TOKEN*' for each model code the KEV product
/// name mentions (e.g. "DIR-859 Router" gives *DIR-859*), or '*' when it names none.
/// </summary>
public static partial class KevImporter
{
    public const string CatalogUrl = "https://github.com/cisagov/kev-data/blob/main/known_exploited_vulnerabilities.json";

    /// <summary>
    /// CVEs that stored public text ties to the 2024 Flax Typhoon botnet advisory
    /// (shared/reference/threat-and-data-sources.md, sections 1b and 1c). The advisory's own table was not
    /// available, so these are leads, not verified entries.
    /// </summary>
    public static readonly IReadOnlySet<string> Botnet2024Leads = new HashSet<string>(StringComparer.Ordinal)
    {
        "CVE-2023-28771", "CVE-2023-1389", "CVE-2021-20090", "CVE-2020-8515", "CVE-2021-36260",
        "CVE-2021-46422", "CVE-2022-30525", "CVE-2023-47565",
    };

    [GeneratedRegex(@"\brouter(s|os)?\b|\bgpon\b|\bdsl cpe\b", RegexOptions.IgnoreCase)]
    private static partial Regex RouterWords();

    [GeneratedRegex(@"\bcameras?\b", RegexOptions.IgnoreCase)]
    private static partial Regex CameraWords();

    [GeneratedRegex(@"\bnvr\b|\bnvrmini2?\b|network video recorder|\bdvr\b|\bviostor\b|\bnvms\b", RegexOptions.IgnoreCase)]
    private static partial Regex NvrWords();

    [GeneratedRegex(@"\bnas\b|network[- ]attached storage|storage device", RegexOptions.IgnoreCase)]
    private static partial Regex NasWords();

    // A model code has letters and digits, e.g. DIR-859, RT-AX55, WNR2000v5, NVMS-1000, PT30X-SDI.
    [GeneratedRegex(@"\b(?=[A-Za-z0-9-]*[0-9])(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b")]
    private static partial Regex ModelCode();

    public sealed record Result(List<KnownExploitedRow> Rows, int CatalogEntries, string CatalogVersion);

    public static Result Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new HashDataException($"the KEV file is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("vulnerabilities", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new HashDataException("the KEV file has no 'vulnerabilities' array; is it known_exploited_vulnerabilities.json?");
            var catalogVersion = root.TryGetProperty("catalogVersion", out var cv) && cv.ValueKind == JsonValueKind.String ? cv.GetString()! : "unknown";
            var rows = new List<KnownExploitedRow>();
            int total = 0;
            foreach (var entry in list.EnumerateArray())
            {
                total++;
                var cve = Field(entry, "cveID");
                var vendor = Field(entry, "vendorProject").Trim();
                var product = Field(entry, "product").Trim();
                var name = Field(entry, "vulnerabilityName").Trim();
                var category = CategoryOf(product + " " + name);
                if (category is null) continue;
                var dateAdded = Field(entry, "dateAdded");
                var botnet = Botnet2024Leads.Contains(cve) ? "lead" : "no";
                var advisory = FirstUrl(entry.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "");
                var note = $"KEV {catalogVersion}: {name}" + (advisory is null ? "" : $"; see {advisory}");
                if (System.Text.Encoding.UTF8.GetByteCount(note) > 255) note = Truncate(note, 255);
                foreach (var pattern in PatternsOf(product))
                {
                    rows.Add(KnownExploitedRow.Parse($"KEV {cve}",
                        [vendor, Truncate(product, 255), category, pattern, "unknown", "unknown", cve, dateAdded, botnet, CatalogUrl, note]));
                }
            }
            return new Result(rows, total, catalogVersion);
        }
    }

    /// <summary>Adds imported rows for CVEs the existing list does not have yet; curated rows are never replaced.</summary>
    public static (List<KnownExploitedRow> Merged, int Added) Merge(IReadOnlyList<KnownExploitedRow> existing, IReadOnlyList<KnownExploitedRow> imported)
    {
        var known = new HashSet<string>(existing.SelectMany(r => r.Cve.Split(',')), StringComparer.Ordinal);
        var merged = existing.ToList();
        int added = 0;
        foreach (var row in imported)
        {
            if (known.Contains(row.Cve)) continue;
            merged.Add(row);
            added++;
        }
        merged.Sort((a, b) =>
        {
            int c = string.Compare(a.Vendor, b.Vendor, StringComparison.OrdinalIgnoreCase);
            if (c == 0) c = string.CompareOrdinal(a.Cve, b.Cve);
            return c != 0 ? c : string.CompareOrdinal(a.ModelPattern, b.ModelPattern);
        });
        return (merged, added);
    }

    public static string? CategoryOf(string text)
    {
        var categories = new List<string>();
        if (RouterWords().IsMatch(text)) categories.Add("router");
        if (CameraWords().IsMatch(text)) categories.Add("camera");
        if (NvrWords().IsMatch(text)) categories.Add("nvr");
        if (NasWords().IsMatch(text)) categories.Add("nas");
        return categories.Count == 0 ? null : string.Join(",", categories);
    }

    public static IReadOnlyList<string> PatternsOf(string product)
    {
        var codes = ModelCode().Matches(product).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return codes.Count == 0 ? ["*"] : codes.Select(c => "*" + c + "*").ToList();
    }

    private static string Field(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            throw new HashDataException($"a KEV entry has no string '{name}'");
        return value.GetString()!;
    }

    private static string? FirstUrl(string notes)
    {
        foreach (var part in notes.Split(';', StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf("http", StringComparison.Ordinal);
            if (at < 0) continue;
            var url = part[at..].Split(' ')[0];
            if (Uri.TryCreate(url, UriKind.Absolute, out _)) return url;
        }
        return null;
    }

    private static string Truncate(string text, int maxBytes)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        while (text.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(text) > maxBytes - 3) text = text[..^1];
        return text + "…";
    }
}
