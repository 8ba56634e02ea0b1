using FlaxGuard.NanoGate.Cli;
using FlaxGuard.NanoGate.Mdp;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>The metadata processor options of the command line and how the processor is found.</summary>
[TestClass]
public sealed class MetadataProcessorCliTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NanoGateCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void Help_DescribesTheProcessorOptionsAndTargets()
    {
        var (code, output, _) = Run("--help");
        Assert.AreEqual(0, code);
        foreach (string option in new[] { "--pe-out DIR", "--mdp DIR", "--require-mdp", "--target T", "65,535", "49,152" }) StringAssert.Contains(output, option);
    }

    [TestMethod]
    public void MdpDirectoryWithoutTheProcessor_IsBadUsage()
    {
        string empty = Path.Combine(Path.GetTempPath(), "nanogate-nomdp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            var (code, _, error) = Run("--mdp", empty, "--source", empty);
            Assert.AreEqual(2, code, error);
            StringAssert.Contains(error, "does not hold the metadata processor");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [TestMethod]
    public void PeOut_WritesTheDllAndPe_AndPrintsTheTable()
    {
        FirmwareFixture.RequireMetadataProcessor();
        string directory = Path.Combine(Path.GetTempPath(), "nanogate-peout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "src"));
        try
        {
            File.WriteAllText(Path.Combine(directory, "src", "Ok.cs"), "namespace Fine { public static class Ok { public static int Two() { return 2; } } }");

            var (code, output, _) = Run("--source", Path.Combine(directory, "src"), "--pe-out", Path.Combine(directory, "out"), "--require-mdp");

            Assert.AreEqual(0, code, output);
            Assert.IsTrue(File.Exists(Path.Combine(directory, "out", "NanoGate.Sources.dll")), output);
            Assert.IsTrue(File.Exists(Path.Combine(directory, "out", "NanoGate.Sources.pe")), output);
            StringAssert.Contains(output, "NanoGate.Sources  AssemblyRef");
            StringAssert.Contains(output, "ByteCode");
            StringAssert.Contains(output, "% of 49,152");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void MissingProcessor_IsNotFound_AndSaysWhereToGetIt()
    {
        string root = Path.Combine(Path.GetTempPath(), "nanogate-repo-" + Guid.NewGuid().ToString("N"));

        MetadataProcessor? processor = MetadataProcessorLocator.Locate(null, root, fromEnvironment: null, out string searched);

        Assert.IsNull(processor);
        StringAssert.Contains(searched, Path.Combine("shared", "tools", "nanoframework-mdp"));
        StringAssert.Contains(MetadataProcessorLocator.WhereToGetIt, "--mdp DIR");
    }

    [TestMethod]
    public void ProcessorBesideTheRepository_IsFound()
    {
        MetadataProcessor processor = FirmwareFixture.RequireMetadataProcessor();
        StringAssert.EndsWith(processor.Directory, Path.Combine("shared", "tools", "nanoframework-mdp"));
    }
}
