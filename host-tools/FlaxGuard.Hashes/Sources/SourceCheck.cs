using System.Text;
using System.Text.RegularExpressions;

namespace FlaxGuard.Hashes.Sources;

/// <summary>Field checks shared by the row types.</summary>
internal static partial class SourceCheck
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,19}$")]
    private static partial Regex CvePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();

    public static string Text(string where, string column, string value, bool required = true)
    {
        if (required && value.Length == 0) throw new HashDataException($"{where}: '{column}' is empty");
        if (value.Any(c => char.IsControl(c))) throw new HashDataException($"{where}: '{column}' contains a control character");
        if (Encoding.UTF8.GetByteCount(value) > 255) throw new HashDataException($"{where}: '{column}' is longer than 255 bytes");
        return value;
    }

    public static string Sha256(string where, string value)
    {
        if (!Sha256Pattern().IsMatch(value)) throw new HashDataException($"{where}: sha256 must be 64 lower-case hex digits, got '{value}'");
        return value;
    }

    public static string Source(string where, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            throw new HashDataException($"{where}: source must be the http(s) URL the row was taken from, got '{value}'");
        return value;
    }

    public static string Cves(string where, string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        foreach (var p in parts)
        {
            if (!CvePattern().IsMatch(p)) throw new HashDataException($"{where}: '{p}' is not a CVE id (CVE-YYYY-NNNN)");
        }
        return string.Join(",", parts);
    }

    public static string Date(string where, string value)
    {
        if (value.Length > 0 && !DatePattern().IsMatch(value)) throw new HashDataException($"{where}: date must be YYYY-MM-DD, got '{value}'");
        return value;
    }
}
