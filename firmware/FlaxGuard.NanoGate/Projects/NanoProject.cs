namespace FlaxGuard.NanoGate.Projects;

/// <summary>A package assembly an .nfproj references (<c>&lt;Reference Include="Name, Version=a.b.c.d, ..."&gt;</c>):
/// mscorlib or a nanoFramework package, satisfied by the real mscorlib or the declaration assembly of that name.</summary>
public sealed record PackageReference(string AssemblyName, Version Version);

/// <summary>
/// One firmware assembly, as its .nfproj describes it: name, Library or Exe, source directories (all .cs below each,
/// minus bin/ and obj/), the firmware assemblies it depends on (.nfproj paths) and the packages it references.
/// </summary>
public sealed record NanoProject(
    string ProjectPath,
    string AssemblyName,
    bool IsExe,
    IReadOnlyList<string> SourceDirectories,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<PackageReference> PackageReferences)
{
    public string Directory => Path.GetDirectoryName(ProjectPath)!;

    public string OutputKind => IsExe ? "Exe" : "Library";
}
