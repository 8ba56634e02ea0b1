using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>THE gate: every firmware assembly of the repository (each .nfproj under firmware/) must compile against
/// nanoFramework 1.x, use nothing it cannot run, and fit its .pe with room to grow.</summary>
[TestClass]
public sealed class EngineGateTests
{
    private static readonly string[] ProcessorKinds = { ViolationKind.MetadataProcessor, ViolationKind.Budget };

    [TestMethod]
    public void EveryNfprojAssembly_IsGated()
    {
        NanoGateResult result = RealFirmware.All.Value;

        var expected = RealFirmware.Projects().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.IsNotEmpty(expected, "no .nfproj under firmware/");
        CollectionAssert.AreEqual(expected, result.Assemblies.Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray(), result.Report);
        Assert.IsTrue(result.Assemblies.All(a => a.SourceFileCount > 0), "an assembly compiled no source");
    }

    [TestMethod]
    public void EveryFirmwareAssembly_CompilesAndUsesOnlyWhatNanoFrameworkRuns()
    {
        NanoGateResult result = RealFirmware.All.Value;

        var others = result.Violations.Where(v => !ProcessorKinds.Any(k => v.StartsWith(Violation.Line(k, ""), StringComparison.Ordinal))).ToList();
        Assert.IsEmpty(others, "the firmware violates the nanoFramework 1.x rules:" + Environment.NewLine + string.Join(Environment.NewLine, others));
    }

    [TestMethod]
    public void EveryFirmwareAssembly_FitsItsPe_WithinTheBudget()
    {
        FirmwareFixture.RequireMetadataProcessor();
        NanoGateResult result = RealFirmware.All.Value;

        // Fails while the engine is compiled into the app as one assembly (141 KB of byte code): the split into several
        // assemblies is what makes it pass.
        Assert.IsTrue(result.Passed, "the metadata processor refuses a firmware assembly or one is over budget:" + Environment.NewLine + result.Report);
        Assert.IsTrue(result.Assemblies.All(a => a.Pe != null), "every assembly must have a .pe");
    }

    [TestMethod]
    public void EngineTarget_IsEveryLibraryAssembly()
    {
        var libraries = RealFirmware.Projects().Where(p => !p.IsExe).Select(p => p.Name).ToArray();
        var options = new NanoGateOptions { RepositoryRoot = RealFirmware.Root, Target = NanoGateTarget.Engine, RunMetadataProcessor = false };

        if (libraries.Length == 0)
        {
            var error = Assert.ThrowsExactly<NanoGateUsageException>(() => NanoGateRunner.Run(options));
            StringAssert.Contains(error.Message, "no Library .nfproj");
        }
        else
        {
            CollectionAssert.AreEquivalent(libraries, NanoGateRunner.Run(options).Assemblies.Select(a => a.Name).ToArray());
        }
    }

    [TestMethod]
    public void FirmwareIsCompiledAgainstTheRealCoreLibrary_AndExactlyThePackagesTheNfprojsReference()
    {
        NanoGateResult result = RealFirmware.All.Value;

        Assert.AreEqual("mscorlib 1.17.11.0", result.CoreLibrary);
        var referenced = RealFirmware.Projects().SelectMany(p => p.Packages).Where(n => n != "mscorlib").Distinct().ToArray();
        CollectionAssert.AreEquivalent(referenced, result.DeclarationAssemblies.ToArray());
    }
}
