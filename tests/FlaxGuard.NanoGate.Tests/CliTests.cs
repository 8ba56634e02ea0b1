using FlaxGuard.NanoGate.Cli;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Exit codes and messages of the command line: 0 pass, 1 violations, 2 bad usage; no stack traces.</summary>
[TestClass]
public sealed class CliTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NanoGateCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void Help_ExitsZeroAndShowsUsage()
    {
        var (code, output, _) = Run("--help");
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "--source DIR");
        StringAssert.Contains(output, "--declarations DIR");
    }

    [TestMethod]
    public void UnknownArgument_ExitsTwoWithAClearMessage()
    {
        var (code, _, error) = Run("--frobnicate");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "unknown argument '--frobnicate'");
        Assert.IsFalse(error.Contains("   at ", StringComparison.Ordinal), error);
    }

    [TestMethod]
    public void MissingSourceDirectory_ExitsTwo()
    {
        var (code, _, error) = Run("--source", Path.Combine(Path.GetTempPath(), "nanogate-does-not-exist-" + Guid.NewGuid().ToString("N")));
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "source directory not found");
    }

    [TestMethod]
    public void SourceWithViolations_ExitsOneAndPrintsEachViolation()
    {
        string directory = Path.Combine(Path.GetTempPath(), "nanogate-src-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "obj"));
        try
        {
            File.WriteAllText(Path.Combine(directory, "Box.cs"), "namespace Bite { public class Box<T> { public T Value; } }");
            File.WriteAllText(Path.Combine(directory, "obj", "Ignored.cs"), "this is not C# and must be skipped");

            var (code, output, _) = Run("--source", directory);

            Assert.AreEqual(1, code, output);
            StringAssert.Contains(output, "NANOGATE: generic-parameter: type Bite.Box<T>");
            StringAssert.Contains(output, "nanogate: FAILED: 1 violation(s)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void CleanSource_ExitsZero()
    {
        string directory = Path.Combine(Path.GetTempPath(), "nanogate-src-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "Ok.cs"), "namespace Fine { public static class Ok { public static int Two() { return 2; } } }");

            var (code, output, _) = Run("--source", directory);

            Assert.AreEqual(0, code, output);
            StringAssert.Contains(output, "nanogate: passed: 1 C# file(s)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
