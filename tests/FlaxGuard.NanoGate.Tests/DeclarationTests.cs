using System.Text.RegularExpressions;
using FlaxGuard.NanoGate;
using FlaxGuard.NanoGate.Layout;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>The declaration files: documented, one package each, and adding one needs no gate code change.</summary>
[TestClass]
public sealed class DeclarationTests
{
    private static string DeclarationsDirectory =>
        Path.Combine(RepositoryLayout.FindRepositoryRoot() ?? throw new AssertFailedException("FlaxGuard.sln not found"),
            RepositoryLayout.DeclarationsDirectory);

    [TestMethod]
    public void EveryDeclarationFile_NamesItsAssemblyPackageVersionAndUpstreamSource()
    {
        string[] files = Directory.GetFiles(DeclarationsDirectory, "*.cs", SearchOption.AllDirectories);
        Assert.IsGreaterThanOrEqualTo(2, files.Length, "expected the System.Text and System.Collections declarations");

        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            string name = Path.GetFileName(file);
            StringAssert.Matches(text, new Regex(@"^// nanogate-assembly: \S+", RegexOptions.Multiline), name);
            StringAssert.Matches(text, new Regex(@"^// Package: +nanoFramework\.\S+ \d+\.\d+\.\d+", RegexOptions.Multiline), name);
            StringAssert.Matches(text, new Regex(@"^// Upstream: +https://github\.com/nanoframework/", RegexOptions.Multiline), name);
            StringAssert.Matches(text, new Regex(@"// mirrors nanoFramework\.\S+ \d+\.\d+\.\d+: \S+\.cs", RegexOptions.Multiline), name);
        }
    }

    [TestMethod]
    public void ExtraDeclarationFile_BecomesItsOwnAssemblyWithoutCodeChanges()
    {
        string directory = Path.Combine(Path.GetTempPath(), "nanogate-decl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "System.Math.cs"), """
                // nanogate-assembly: System.Math
                // test-only declaration of one member of nanoFramework.System.Math
                namespace System
                {
                    public static class Math
                    {
                        public static int Abs(int value) { throw new NotImplementedException(); }
                    }
                }
                """);

            var result = Gate.RunSnippet(
                "namespace Bite { public static class UsesMath { public static int Go(int x) { return System.Math.Abs(x); } } }",
                options => options.DeclarationDirectories.Add(directory));

            Assert.IsTrue(result.Passed, result.Report);
            CollectionAssert.Contains(result.DeclarationAssemblies.ToArray(), "System.Math");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void DeclarationFileWithoutAssemblyHeader_IsADeclarationError()
    {
        string directory = Path.Combine(Path.GetTempPath(), "nanogate-decl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "NoHeader.cs"), "namespace Nowhere { public class Thing { } }");

            var result = Gate.RunSnippet("namespace Bite { public static class Empty { } }",
                options => options.DeclarationDirectories.Add(directory));

            Gate.AssertViolation(result, ViolationKind.DeclarationError, "NoHeader.cs", "nanogate-assembly");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
