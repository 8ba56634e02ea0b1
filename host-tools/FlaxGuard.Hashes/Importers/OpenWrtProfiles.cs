using System.Text.Json;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Imports an OpenWrt <c>profiles.json</c> (written by scripts/json_add_image_info.py): for each profile,
/// each image's <c>sha256</c> and, when present, <c>sha256_unsigned</c> (the hash before metadata or a
/// signature was appended), once for every board name in <c>supported_devices</c> (what the device
/// reports as its board). Vendor is "OpenWrt" (the firmware's publisher), the version is version_number.
/// </summary>
public static class OpenWrtProfiles
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static List<KnownGoodRow> Parse(string json, string source, IProgress<int>? progress = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new HashDataException($"profiles.json is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            return Parse(doc.RootElement, source, progress);
        }
    }

    /// <summary>Rows of one parsed profiles.json (or a faithful transliteration of one).</summary>
    public static List<KnownGoodRow> Parse(JsonElement root, string source, IProgress<int>? progress = null)
    {
        {
            var version = RequiredString(root, "version_number", "profiles.json");
            if (!root.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Object)
                throw new HashDataException("profiles.json has no 'profiles' object");
            var rows = new List<KnownGoodRow>();
            var seen = new HashSet<KnownGoodRow>();
            foreach (var profile in profiles.EnumerateObject())
            {
                var where = $"profiles.json profile '{profile.Name}'";
                var boards = new List<string>();
                if (profile.Value.TryGetProperty("supported_devices", out var supported) && supported.ValueKind == JsonValueKind.Array)
                {
                    foreach (var b in supported.EnumerateArray())
                    {
                        if (b.ValueKind == JsonValueKind.String && b.GetString() is { Length: > 0 } board) boards.Add(board);
                    }
                }
                if (boards.Count == 0) boards.Add(profile.Name);
                if (!profile.Value.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array)
                    throw new HashDataException($"{where} has no 'images' array");
                foreach (var image in images.EnumerateArray())
                {
                    var name = RequiredString(image, "name", where);
                    foreach (var field in new[] { "sha256", "sha256_unsigned" })
                    {
                        if (!image.TryGetProperty(field, out var hashElement)) continue;
                        if (hashElement.ValueKind != JsonValueKind.String) throw new HashDataException($"{where}: image '{name}' has a non-string {field}");
                        var hash = hashElement.GetString()!.ToLowerInvariant();
                        // Most images carry no metadata, so the unsigned hash repeats the signed one: one row says it.
                        if (field == "sha256_unsigned" && image.TryGetProperty("sha256", out var signedHash) && signedHash.ValueKind == JsonValueKind.String
                            && string.Equals(signedHash.GetString(), hash, StringComparison.OrdinalIgnoreCase)) continue;
                        foreach (var board in boards)
                        {
                            var row = KnownGoodRow.Parse($"{where} image '{name}'", ["OpenWrt", board, version, field == "sha256" ? name : name + " (unsigned)", hash, source]);
                            if (seen.Add(row)) rows.Add(row);
                        }
                    }
                }
                progress?.Report(rows.Count);
            }
            return rows;
        }
    }

    private static string RequiredString(JsonElement element, string property, string where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            throw new HashDataException($"{where}: missing string '{property}'");
        return text;
    }
}
