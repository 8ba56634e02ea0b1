using System.Text;

namespace FlaxGuard.Hashes.Sources;

/// <summary>
/// The source files of hashes/: known-good/&lt;vendor&gt;.tsv (one per vendor) and known-exploited.tsv.
/// These, and only these, are covered by the signed manifest.
/// </summary>
public sealed class SourceSet
{
    public const string KnownGoodFolder = "known-good";
    public const string KnownExploitedFile = "known-exploited.tsv";

    public required IReadOnlyList<KnownGoodRow> KnownGood { get; init; }
    public required IReadOnlyList<KnownExploitedRow> KnownExploited { get; init; }

    /// <summary>Paths (relative, '/'-separated, ordinal order) of every source file under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> SourceFiles(string directory)
    {
        if (!Directory.Exists(directory)) throw new HashDataException($"'{directory}' is not a directory of firmware data (expected {KnownExploitedFile} and {KnownGoodFolder}/)");
        var files = new List<string>();
        if (File.Exists(Path.Combine(directory, KnownExploitedFile))) files.Add(KnownExploitedFile);
        var goodDir = Path.Combine(directory, KnownGoodFolder);
        if (Directory.Exists(goodDir))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(goodDir))
            {
                var name = Path.GetFileName(entry);
                if (!name.EndsWith(".tsv", StringComparison.Ordinal) || Directory.Exists(entry))
                    throw new HashDataException($"{KnownGoodFolder}/{name}: only <vendor>.tsv files belong in {KnownGoodFolder}/");
                files.Add(KnownGoodFolder + "/" + name);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads and checks every row. Call only after the manifest was verified.</summary>
    public static SourceSet Load(string directory)
    {
        var good = new List<KnownGoodRow>();
        var bad = new List<KnownExploitedRow>();
        foreach (var relative in SourceFiles(directory))
        {
            var path = Path.Combine(directory, relative);
            if (relative == KnownExploitedFile)
            {
                foreach (var (line, fields) in TsvTable.Read(path, KnownExploitedRow.Columns))
                    bad.Add(KnownExploitedRow.Parse($"{relative}:{line}", fields));
            }
            else
            {
                foreach (var (line, fields) in TsvTable.Read(path, KnownGoodRow.Columns))
                    good.Add(KnownGoodRow.Parse($"{relative}:{line}", fields));
            }
        }
        return new SourceSet { KnownGood = good, KnownExploited = bad };
    }

    /// <summary>
    /// Writes rows under a header, keeping the comment lines that start the existing file and appending
    /// <paramref name="addComments"/> not already among them.
    /// </summary>
    public static void WriteTable(string path, IReadOnlyList<string> columns, IEnumerable<string[]> rows, IEnumerable<string>? addComments = null)
    {
        var sb = new StringBuilder();
        var comments = new List<string>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith('#')) break;
                comments.Add(line);
            }
        }
        foreach (var c in addComments ?? [])
        {
            if (!c.StartsWith('#') || c.Contains('\n') || c.Contains('\r')) throw new HashDataException($"not a comment line: '{c}'");
            if (!comments.Contains(c, StringComparer.Ordinal)) comments.Add(c);
        }
        foreach (var c in comments) sb.Append(c).Append('\n');
        sb.Append(TsvTable.Format(columns)).Append('\n');
        foreach (var row in rows) sb.Append(TsvTable.Format(row)).Append('\n');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, sb.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
