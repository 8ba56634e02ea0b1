using System.Text;
using FlaxGuard.NanoGate.Layout;
using FlaxGuard.NanoGate.Mdp;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>
/// A throw-away firmware tree in a temp directory: .nfproj files and C# sources laid out like a real nanoFramework
/// solution, gated with the repository's real declarations and the real metadata processor. Deleted on Dispose.
/// </summary>
internal sealed class FirmwareFixture : IDisposable
{
    public FirmwareFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "nanogate-fw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PeOut => Path.Combine(Root, "pe-out");

    /// <summary>The repository this test runs in (for the real declarations and the metadata processor beside it).</summary>
    public static string RepositoryRoot =>
        RepositoryLayout.FindRepositoryRoot() ?? throw new AssertFailedException("FlaxGuard.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The real metadata processor, found the way the gate finds it; a test that needs it fails without it.</summary>
    public static MetadataProcessor RequireMetadataProcessor()
    {
        MetadataProcessor? processor = MetadataProcessorLocator.Locate(null, RepositoryRoot, out string searched);
        Assert.IsNotNull(processor, "the metadata processor is missing (looked in " + searched + "); " + MetadataProcessorLocator.WhereToGetIt);
        return processor;
    }

    /// <summary>Writes folder/Name.nfproj (name = folder's last part) and returns its path.</summary>
    public string Project(string folder, string outputType = "Library", string[]? projectReferences = null,
        string[]? packages = null, string compile = "<Compile Include=\"**\\*.cs\" Exclude=\"bin\\**;obj\\**\" />")
    {
        string name = Path.GetFileName(folder);
        string directory = Path.Combine(Root, folder);
        Directory.CreateDirectory(directory);
        var xml = new StringBuilder();
        xml.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.AppendLine("<Project ToolsVersion=\"15.0\" DefaultTargets=\"Build\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">");
        xml.AppendLine("  <PropertyGroup>");
        xml.AppendLine("    <OutputType>" + outputType + "</OutputType>");
        xml.AppendLine("    <AssemblyName>" + name + "</AssemblyName>");
        xml.AppendLine("  </PropertyGroup>");
        xml.AppendLine("  <ItemGroup>");
        xml.AppendLine("    " + compile);
        xml.AppendLine("  </ItemGroup>");
        xml.AppendLine("  <ItemGroup>");
        xml.AppendLine("    <Reference Include=\"mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731\" />");
        foreach (string package in packages ?? Array.Empty<string>()) xml.AppendLine("    <Reference Include=\"" + package + ", Culture=neutral\" />");
        foreach (string reference in projectReferences ?? Array.Empty<string>()) xml.AppendLine("    <ProjectReference Include=\"" + reference + "\" />");
        xml.AppendLine("  </ItemGroup>");
        xml.AppendLine("</Project>");
        string path = Path.Combine(directory, name + ".nfproj");
        File.WriteAllText(path, xml.ToString());
        return path;
    }

    public void Source(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Gate options for this tree: its .nfproj files, the repository's declarations, .pe files into <see cref="PeOut"/>.</summary>
    public NanoGateOptions Options(NanoGateTarget target = NanoGateTarget.All)
    {
        var options = new NanoGateOptions
        {
            RepositoryRoot = RepositoryRoot,
            FirmwareDirectory = Root,
            Target = target,
            PeOutputDirectory = PeOut,
            RequireMetadataProcessor = true,
        };
        return options;
    }

    public NanoGateResult Run(NanoGateTarget target = NanoGateTarget.All) => NanoGateRunner.Run(Options(target));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
