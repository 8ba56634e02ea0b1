using System.Text;
using System.Text.Json;

namespace FlaxGuard.Agent;

/// <summary>The host's {"error","reason"} answer as " (error: reason)" for the log, cleaned and bounded.</summary>
internal static class HostReason
{
    public const int MaxBytes = 2048;

    public static string From(byte[]? body)
    {
        if (body is null || body.Length == 0 || body.Length > MaxBytes) return "";
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "";
            var error = doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var reason = doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (error is null && reason is null) return "";
            return " (" + Clean(error ?? "error") + ": " + Clean(reason ?? "") + ")";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 200));
        foreach (var c in text)
        {
            if (sb.Length >= 200) break;
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
