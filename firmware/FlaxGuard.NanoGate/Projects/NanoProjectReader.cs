using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace FlaxGuard.NanoGate.Projects;

/// <summary>
/// Reads the parts of an .nfproj the gate needs. Only the source patterns a FlaxGuard .nfproj uses are understood:
/// <c>&lt;Compile Include="**\*.cs" Exclude="bin\**;obj\**" /&gt;</c> (every .cs below the project) and, while the engine
/// is still compiled into the app, <c>&lt;Compile Include="..\Dir\**\*.cs" Exclude="..\Dir\bin\**;..\Dir\obj\**"&gt;</c>.
/// Anything else is refused with a message rather than guessed at.
/// </summary>
public static partial class NanoProjectReader
{
    public static NanoProject Read(string projectPath, Func<string, string> display)
    {
        string shown = display(projectPath);
        XDocument document;
        try
        {
            document = XDocument.Load(projectPath);
        }
        catch (XmlException e)
        {
            throw new NanoGateUsageException(shown + ": not valid XML (" + e.Message + ")");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        IEnumerable<XElement> Elements(string name) => document.Descendants().Where(e => e.Name.LocalName == name);

        string assemblyName = Single(Elements("AssemblyName"), shown, "AssemblyName");
        string outputType = Single(Elements("OutputType"), shown, "OutputType");
        if (outputType is not ("Library" or "Exe"))
        {
            throw new NanoGateUsageException(shown + ": <OutputType> must be Library or Exe, not '" + outputType + "'");
        }

        var sources = new List<string>();
        foreach (XElement compile in Elements("Compile"))
        {
            string include = (string?)compile.Attribute("Include") ?? "";
            string exclude = (string?)compile.Attribute("Exclude") ?? "";
            sources.Add(SourceDirectory(directory, include, exclude, shown));
        }
        if (sources.Count == 0) throw new NanoGateUsageException(shown + ": no <Compile Include=\"**\\*.cs\" .../> item");

        var projectReferences = Elements("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? throw new NanoGateUsageException(shown + ": <ProjectReference> without Include"))
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))))
            .ToList();

        var packages = Elements("Reference")
            .Select(e => Package((string?)e.Attribute("Include") ?? "", shown))
            .ToList();

        return new NanoProject(Path.GetFullPath(projectPath), assemblyName, outputType == "Exe", sources, projectReferences, packages);
    }

    private static string Single(IEnumerable<XElement> elements, string shown, string name)
    {
        var values = elements.Select(e => e.Value.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 1) return values[0];
        throw new NanoGateUsageException(shown + (values.Count == 0 ? ": no <" + name + ">" : ": more than one <" + name + ">: " + string.Join(", ", values)));
    }

    /// <summary>"[prefix\]**\*.cs" with bin/obj of the same folder excluded: the folder.</summary>
    private static string SourceDirectory(string projectDirectory, string include, string exclude, string shown)
    {
        Match match = AllCSharpBelow().Match(include.Replace('/', '\\'));
        if (!match.Success)
        {
            throw new NanoGateUsageException(shown + ": <Compile Include=\"" + include + "\"> is not understood; the gate reads only " +
                "<Compile Include=\"**\\*.cs\" Exclude=\"bin\\**;obj\\**\" /> (all C# files below the project)");
        }
        string prefix = match.Groups["prefix"].Value;
        foreach (string excluded in exclude.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string normalized = excluded.Replace('/', '\\');
            if (normalized != prefix + "bin\\**" && normalized != prefix + "obj\\**")
            {
                throw new NanoGateUsageException(shown + ": <Compile Exclude=\"" + exclude + "\"> is not understood; only bin\\** and obj\\** " +
                    "of the included folder may be excluded");
            }
        }
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(projectDirectory, prefix.Replace('\\', Path.DirectorySeparatorChar))));
    }

    private static PackageReference Package(string include, string shown)
    {
        string[] parts = include.Split(',', StringSplitOptions.TrimEntries);
        string? versionText = parts.Skip(1).FirstOrDefault(p => p.StartsWith("Version=", StringComparison.Ordinal))?.Substring("Version=".Length);
        if (parts[0].Length == 0 || versionText == null || !Version.TryParse(versionText, out Version? version))
        {
            throw new NanoGateUsageException(shown + ": <Reference Include=\"" + include + "\"> needs 'Name, Version=a.b.c.d'");
        }
        return new PackageReference(parts[0], version);
    }

    [GeneratedRegex(@"^(?<prefix>(?:[^*\\]+\\)*)\*\*\\\*\.cs$")]
    private static partial Regex AllCSharpBelow();
}
