using System.Text;

namespace FlaxGuard.Hashes.Sources;

/// <summary>
/// The plain text format of hashes/: UTF-8, one row per line, tab-separated, a header line naming the
/// columns, '#' comment lines and blank lines ignored. Simple enough to review in a diff.
/// </summary>
public static class TsvTable
{
    public static List<(int Line, string[] Fields)> Read(string path, IReadOnlyList<string> columns)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw new HashDataException($"{path}: not valid UTF-8");
        }
        return Parse(text, path, columns);
    }

    public static List<(int Line, string[] Fields)> Parse(string text, string name, IReadOnlyList<string> columns)
    {
        var rows = new List<(int, string[])>();
        bool headerSeen = false;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            if (!headerSeen)
            {
                if (!fields.SequenceEqual(columns))
                    throw new HashDataException($"{name}:{i + 1}: the header must be the columns '{string.Join("', '", columns)}' separated by tabs");
                headerSeen = true;
                continue;
            }
            if (fields.Length != columns.Count)
                throw new HashDataException($"{name}:{i + 1}: {fields.Length} fields, expected {columns.Count} ({string.Join(", ", columns)})");
            rows.Add((i + 1, fields.Select(f => f.Trim()).ToArray()));
        }
        if (!headerSeen) throw new HashDataException($"{name}: no header line (expected the columns '{string.Join("', '", columns)}')");
        return rows;
    }

    public static string Format(IEnumerable<string> fields)
    {
        var list = fields.ToList();
        foreach (var f in list)
        {
            if (f.Contains('\t') || f.Contains('\n') || f.Contains('\r'))
                throw new HashDataException($"a field may not contain tabs or line breaks: '{f}'");
        }
        return string.Join('\t', list);
    }
}
