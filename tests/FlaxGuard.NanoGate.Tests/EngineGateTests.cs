using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>THE gate: the real engine must compile against nanoFramework 1.x and use nothing it cannot run.</summary>
[TestClass]
public sealed class EngineGateTests
{
    // One engine compile shared by the tests of this class (a couple of seconds).
    private static readonly Lazy<NanoGateResult> EngineRun = new(() => NanoGateRunner.Run(new NanoGateOptions()));

    [TestMethod]
    public void Engine_PassesNanoFrameworkGate()
    {
        NanoGateResult result = EngineRun.Value;

        Assert.IsGreaterThan(0, result.SourceFileCount, "the gate compiled no engine source");
        Assert.IsTrue(result.Passed,
            "firmware/FlaxGuard.Engine violates the nanoFramework 1.x rules (" + result.Violations.Count + " violation(s)):" +
            Environment.NewLine + result.Report);
    }

    [TestMethod]
    public void Engine_IsCompiledAgainstTheRealNanoFrameworkCoreLibraryAndBothDeclaredPackages()
    {
        NanoGateResult result = EngineRun.Value;

        Assert.AreEqual("mscorlib 1.17.11.0", result.CoreLibrary);
        CollectionAssert.AreEquivalent(
            new[] { "nanoFramework.System.Collections", "nanoFramework.System.Text" },
            result.DeclarationAssemblies.ToArray());
    }
}
