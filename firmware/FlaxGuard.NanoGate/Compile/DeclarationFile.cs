namespace FlaxGuard.NanoGate.Compile;

/// <summary>
/// One declaration file: compile-only declarations of the members FlaxGuard uses from ONE nanoFramework package.
/// Its header names the assembly it stands for, and the other declaration assemblies it needs:
/// <code>
/// // nanogate-assembly: nanoFramework.System.Text
/// // nanogate-references: System.IO.Streams, nanoFramework.Runtime.Events   (optional)
/// </code>
/// mscorlib is always referenced. Adding a package is adding a file: the gate needs no change.
/// </summary>
public sealed class DeclarationFile
{
    public const string AssemblyKey = "nanogate-assembly";
    public const string ReferencesKey = "nanogate-references";
    private const string KeyPrefix = "nanogate-";

    private DeclarationFile(string path, string text, string assemblyName, IReadOnlyList<string> references)
    {
        Path = path;
        Text = text;
        AssemblyName = assemblyName;
        References = references;
    }

    public string Path { get; }
    public string Text { get; }
    public string AssemblyName { get; }
    public IReadOnlyList<string> References { get; }

    /// <summary>Reads and parses a declaration file; a missing or malformed header is an error (returned, not thrown).</summary>
    public static DeclarationFile? Read(string path, string displayPath, out string? error)
    {
        string text = File.ReadAllText(path);
        string? assembly = null;
        var references = new List<string>();
        error = null;

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith("//", StringComparison.Ordinal)) continue;
            string comment = line.Substring(2).Trim();
            if (!comment.StartsWith(KeyPrefix, StringComparison.Ordinal)) continue;

            int colon = comment.IndexOf(':');
            string key = colon < 0 ? comment : comment.Substring(0, colon).Trim();
            string value = colon < 0 ? "" : comment.Substring(colon + 1).Trim();
            string where = displayPath + ":" + (i + 1);

            if (key == AssemblyKey)
            {
                if (value.Length == 0) { error = where + ": '" + AssemblyKey + ":' needs an assembly name"; return null; }
                if (assembly != null) { error = where + ": more than one '" + AssemblyKey + ":' line"; return null; }
                assembly = value;
            }
            else if (key == ReferencesKey)
            {
                foreach (string name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    references.Add(name);
                }
            }
            else
            {
                error = where + ": unknown header '" + key + "' (known: " + AssemblyKey + ", " + ReferencesKey + ")";
                return null;
            }
        }

        if (assembly == null)
        {
            error = displayPath + ": no '// " + AssemblyKey + ": <assembly name>' header line; every declaration file " +
                    "must name the nanoFramework assembly it declares";
            return null;
        }
        return new DeclarationFile(path, text, assembly, references);
    }
}
