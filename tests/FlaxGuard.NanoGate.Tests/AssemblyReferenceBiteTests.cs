using FlaxGuard.NanoGate;
using FlaxGuard.NanoGate.Compile;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Only nanoFramework 1.x assemblies can be deployed: a reference to anything else fails the gate, even
/// when that assembly itself is built on the nanoFramework mscorlib.</summary>
[TestClass]
public sealed class AssemblyReferenceBiteTests
{
    private static readonly Lazy<MetadataReference> EvilLibrary = new(() =>
    {
        var compilation = CSharpCompilation.Create(
            "Evil.Library",
            new[] { NanoCompilation.Parse("namespace Evil { public static class Backdoor { public static int Open() { return 1; } } }", "Evil.cs") },
            new[] { CoreLibrary.Load() },
            NanoCompilation.CompilationOptions);
        byte[]? image = NanoCompilation.Emit(compilation, out var errors);
        Assert.IsNotNull(image, string.Join(Environment.NewLine, errors));
        return MetadataReference.CreateFromImage(image);
    });

    [TestMethod]
    public void ReferenceToNonNanoFrameworkAssembly_IsAnAssemblyRefViolation()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class UsesEvil
                {
                    public static int Go() { return Evil.Backdoor.Open(); }
                }
            }
            """, options => options.ExtraReferences.Add(EvilLibrary.Value));

        Gate.AssertViolation(result, ViolationKind.AssemblyReference, "Evil.Library", "Evil.Backdoor");
    }

    [TestMethod]
    public void ReferencesToTheDeclaredPackages_AreAllowed()
    {
        var result = Gate.RunSnippet("""
            using System.Collections;
            using System.Text;

            namespace Bite
            {
                public static class UsesPackages
                {
                    public static string Go(Hashtable table) { return new StringBuilder().Append(table.Count).ToString(); }
                }
            }
            """);

        Assert.IsTrue(result.Passed, result.Report);
    }
}
