using System.Globalization;

namespace FlaxGuard.Alerts;

/// <summary>
/// The "name=value&amp;name=value" options of a channel specification. Unknown or repeated names are errors, so a
/// typo never silently falls back to a default. Values are never echoed in errors (they may be paths to secrets).
/// </summary>
internal sealed class SpecOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _kind;

    private SpecOptions(string kind) => _kind = kind;

    public static SpecOptions Parse(string kind, string text, IReadOnlyCollection<string> allowed)
    {
        var options = new SpecOptions(kind);
        if (text.Length == 0) return options;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0) continue;
            var equals = part.IndexOf('=');
            if (equals <= 0) throw new AlertConfigException($"{kind}: option '{Shorten(part)}' must look like name=value");
            var name = Uri.UnescapeDataString(part[..equals]).ToLowerInvariant();
            var value = Uri.UnescapeDataString(part[(equals + 1)..]);
            if (!allowed.Contains(name))
                throw new AlertConfigException($"{kind}: unknown option '{Shorten(name)}' (known: {string.Join(", ", allowed)})");
            if (!options._values.TryAdd(name, value)) throw new AlertConfigException($"{kind}: option '{name}' is given twice");
        }
        return options;
    }

    public string? Text(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public int Integer(string name, int fallback, int min, int max)
    {
        var text = Text(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new AlertConfigException($"{_kind}: {name} must be a whole number from {min} to {max}");
        return value;
    }

    /// <summary>A secret from secret-file (first line of the file) or secret-env (an environment variable); null when neither is given.</summary>
    public string? Secret(string fileOption, string envOption)
    {
        var file = Text(fileOption);
        var env = Text(envOption);
        if (file is not null && env is not null) throw new AlertConfigException($"{_kind}: give {fileOption} or {envOption}, not both");
        string? secret;
        if (file is not null)
        {
            if (file.Length == 0) throw new AlertConfigException($"{_kind}: {fileOption} is empty");
            try
            {
                if (new FileInfo(file).Length > 4096) throw new AlertConfigException($"{_kind}: the {fileOption} is larger than 4 KiB; it should hold one secret");
                secret = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new AlertConfigException($"{_kind}: cannot read the {fileOption} ({Reason(e)})");
            }
        }
        else if (env is not null)
        {
            secret = Environment.GetEnvironmentVariable(env);
            if (secret is null) throw new AlertConfigException($"{_kind}: the environment variable named by {envOption} is not set");
        }
        else
        {
            return null;
        }
        // The first line, so a trailing newline from an editor or `echo` does not become part of the secret.
        var firstLine = secret.Split('\n', 2)[0].TrimEnd('\r');
        if (firstLine.Length == 0) throw new AlertConfigException($"{_kind}: the secret from {(file is not null ? fileOption : envOption)} is empty");
        return firstLine;
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => "not readable",
    };

    private static string Shorten(string text) => AlertText.Clean(text, 40);
}
