using FlaxGuard.NanoGate;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>The gate follows the .nfproj files: dependency order, references between firmware assemblies, package
/// versions, and a .pe per assembly from the real metadata processor.</summary>
[TestClass]
public sealed class ProjectGraphTests
{
    private const string Text = "nanoFramework.System.Text, Version=1.3.42.0";

    private static FirmwareFixture TwoLibrariesAndAnApp()
    {
        var fixture = new FirmwareFixture();
        fixture.Project("engine/Fx.Core");
        fixture.Source("engine/Fx.Core/Checks/Severity.cs", """
            namespace Fx.Core
            {
                public static class Severity { public const int High = 3; public static int Worst(int a, int b) { return a > b ? a : b; } }
            }
            """);
        fixture.Source("engine/Fx.Core/obj/Junk.cs", "this is build output and must be skipped");
        fixture.Project("families/Fx.Family", projectReferences: new[] { "..\\..\\engine\\Fx.Core\\Fx.Core.nfproj" }, packages: new[] { Text });
        fixture.Source("families/Fx.Family/Probe.cs", """
            namespace Fx.Family
            {
                public sealed class Probe
                {
                    public string Describe(int code) { var text = new System.Text.StringBuilder(); text.Append("severity "); text.Append(Fx.Core.Severity.Worst(code, 1).ToString()); return text.ToString(); }
                }
            }
            """);
        fixture.Project("Fx.App", "Exe", new[] { "..\\engine\\Fx.Core\\Fx.Core.nfproj", "..\\families\\Fx.Family\\Fx.Family.nfproj" });
        fixture.Source("Fx.App/Program.cs", """
            namespace Fx.App
            {
                public static class Program
                {
                    public static string Last;
                    public static void Main() { Last = new Fx.Family.Probe().Describe(Fx.Core.Severity.Worst(2, Fx.Core.Severity.High)); }
                }
            }
            """);
        return fixture;
    }

    [TestMethod]
    public void TwoLibrariesAndAnApp_AreCompiledDependenciesFirst_EachIntoADllAndAPe()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = TwoLibrariesAndAnApp();

        NanoGateResult result = fixture.Run();

        Assert.IsTrue(result.Passed, result.Report);
        CollectionAssert.AreEqual(new[] { "Fx.Core", "Fx.Family", "Fx.App" }, result.Assemblies.Select(a => a.Name).ToArray());
        Assert.AreEqual("Exe", result.Assembly("Fx.App").Kind);
        CollectionAssert.AreEquivalent(new[] { "nanoFramework.System.Text", "Fx.Core" }, result.Assembly("Fx.Family").References.ToArray());
        foreach (string name in new[] { "Fx.Core", "Fx.Family", "Fx.App" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(fixture.PeOut, name + ".dll")), name + ".dll not written");
            string pe = Path.Combine(fixture.PeOut, name + ".pe");
            Assert.IsTrue(File.Exists(pe), name + ".pe not written");
            Assert.AreEqual(name, PeHeader.Read(pe).AssemblyName);
        }
        // The app uses both libraries: two AssemblyRef rows besides mscorlib.
        Assert.AreEqual(3, result.Assembly("Fx.App").Pe!.Tables[(int)PeTableKind.AssemblyRef].RowCount);
        Assert.AreEqual(1, result.Assembly("Fx.Core").SourceFileCount, "obj/ must be skipped");
    }

    [TestMethod]
    public void TargetEsp32_IsTheAppAndWhatItReferences_TargetEngine_IsEveryLibrary()
    {
        using var fixture = TwoLibrariesAndAnApp();
        fixture.Project("engine/Fx.Unused");
        fixture.Source("engine/Fx.Unused/Unused.cs", "namespace Fx.Unused { public static class Nothing { } }");

        NanoGateResult app = fixture.Run(NanoGateTarget.Esp32App);
        NanoGateResult engine = fixture.Run(NanoGateTarget.Engine);

        CollectionAssert.AreEqual(new[] { "Fx.Core", "Fx.Family", "Fx.App" }, app.Assemblies.Select(a => a.Name).ToArray());
        CollectionAssert.AreEquivalent(new[] { "Fx.Core", "Fx.Family", "Fx.Unused" }, engine.Assemblies.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void ReferenceCycle_IsAProjectErrorNamingTheCycle()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A", projectReferences: new[] { "..\\Fx.B\\Fx.B.nfproj" });
        fixture.Source("Fx.A/A.cs", "namespace Fx.A { public static class A { } }");
        fixture.Project("Fx.B", projectReferences: new[] { "..\\Fx.A\\Fx.A.nfproj" });
        fixture.Source("Fx.B/B.cs", "namespace Fx.B { public static class B { } }");

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.ProjectError, "cycle", "Fx.A -> Fx.B -> Fx.A");
        Assert.IsEmpty(result.Assemblies, "nothing on a cycle can be compiled");
    }

    [TestMethod]
    public void MissingProjectReference_IsAProjectErrorNamingTheMissingFile()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A", projectReferences: new[] { "..\\Fx.Gone\\Fx.Gone.nfproj" });
        fixture.Source("Fx.A/A.cs", "namespace Fx.A { public static class A { } }");

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.ProjectError, "Fx.A.nfproj", "Fx.Gone/Fx.Gone.nfproj", "does not exist");
    }

    [TestMethod]
    public void PackageVersionThatDiffersFromTheDeclaration_InMajorMinor_IsCaught()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A", packages: new[] { "nanoFramework.System.Text, Version=1.4.0.0" });
        fixture.Source("Fx.A/A.cs", "namespace Fx.A { public static class A { } }");

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.PackageReference, "Fx.A", "nanoFramework.System.Text 1.4.0.0", "1.3.42.0", "major.minor");
    }

    [TestMethod]
    public void PackageWithoutDeclaration_IsCaught()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A", packages: new[] { "nanoFramework.Json, Version=2.2.0.0" });
        fixture.Source("Fx.A/A.cs", "namespace Fx.A { public static class A { } }");

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.PackageReference, "nanoFramework.Json 2.2.0.0", "no declaration file");
    }

    [TestMethod]
    public void PackageNotReferenced_CannotBeUsed()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A");
        fixture.Source("Fx.A/A.cs", "namespace Fx.A { public static class A { public static object Make() { return new System.Text.StringBuilder(); } } }");

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.CompileError, "A.cs:1:", "'Text' does not exist in the namespace 'System'");
    }

    [TestMethod]
    public void UnsupportedCompilePattern_IsBadUsageNamingTheProject()
    {
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.A", compile: "<Compile Include=\"Program.cs\" />");

        var error = Assert.ThrowsExactly<NanoGateUsageException>(() => fixture.Run());

        StringAssert.Contains(error.Message, "Fx.A.nfproj");
        StringAssert.Contains(error.Message, "Program.cs");
    }
}
