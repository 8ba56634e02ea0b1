using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Runs the gate over small in-memory snippets. mscorlib and the declaration assemblies are loaded and
/// compiled once per process (the gate caches them), so each snippet costs one small Roslyn compile.</summary>
internal static class Gate
{
    public static NanoGateResult RunSnippet(string source, Action<NanoGateOptions>? configure = null)
    {
        var options = new NanoGateOptions { AssemblyName = "NanoGate.Snippet" };
        options.Sources.Add(new NanoGateSource("Snippet.cs", source));
        configure?.Invoke(options);
        return NanoGateRunner.Run(options);
    }

    /// <summary>Asserts the gate failed with a line of <paramref name="kind"/> containing every one of <paramref name="mustName"/>.</summary>
    public static string AssertViolation(NanoGateResult result, string kind, params string[] mustName)
    {
        Assert.IsFalse(result.Passed, "the gate passed but should have failed");
        string prefix = Violation.Line(kind, "");
        string? line = result.Violations.FirstOrDefault(v =>
            v.StartsWith(prefix, StringComparison.Ordinal) && mustName.All(n => v.Contains(n, StringComparison.Ordinal)));
        Assert.IsNotNull(line,
            "expected a '" + prefix + "...' line naming " + string.Join(", ", mustName) + "; got:" + Environment.NewLine + result.Report);
        return line;
    }
}
