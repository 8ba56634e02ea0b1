using System.Text.RegularExpressions;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>One gate run over the repository's real firmware (every .nfproj under firmware/, with the real metadata
/// processor), shared by the tests that look at it; and what the .nfproj files say, read independently of the gate.</summary>
internal static class RealFirmware
{
    public static string Root => FirmwareFixture.RepositoryRoot;

    public static readonly Lazy<NanoGateResult> All = new(() => NanoGateRunner.Run(
        new NanoGateOptions { RepositoryRoot = Root, RequireMetadataProcessor = true }));

    /// <summary>(assembly name, is Exe, referenced package names) of every .nfproj under firmware/.</summary>
    public static IReadOnlyList<(string Name, bool IsExe, string[] Packages)> Projects()
    {
        return Directory.GetFiles(Path.Combine(Root, "firmware"), "*.nfproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Select(text => (
                Regex.Match(text, "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value,
                text.Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal),
                Regex.Matches(text, "<Reference Include=\"([^,\"]+),").Select(m => m.Groups[1].Value).ToArray()))
            .ToList();
    }
}
