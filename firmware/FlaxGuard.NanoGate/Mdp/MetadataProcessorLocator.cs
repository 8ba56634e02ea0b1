using FlaxGuard.NanoGate.Layout;

namespace FlaxGuard.NanoGate.Mdp;

/// <summary>
/// Finds nanoFramework's metadata processor (a folder with strict/mdp.dll and measure/mdp.dll): the directory given
/// with --mdp, else $FLAXGUARD_NANO_MDP, else ../shared/tools/nanoframework-mdp beside the repository (the FlaxGuard
/// workplace keeps it there; it is not restorable from NuGet).
/// </summary>
public static class MetadataProcessorLocator
{
    public const string EnvironmentVariable = "FLAXGUARD_NANO_MDP";

    /// <summary>Relative to the repository root.</summary>
    public static readonly string WorkplacePath = Path.Combine("..", "shared", "tools", "nanoframework-mdp");

    public const string WhereToGetIt =
        "it lives in the shared/tools/nanoframework-mdp folder of the FlaxGuard workplace (beside the repository, as " +
        "../shared/tools/nanoframework-mdp); point the gate at a copy with --mdp DIR or " + EnvironmentVariable;

    /// <summary>The processor, or null with <paramref name="searched"/> saying where it was looked for.
    /// A directory named explicitly (option or environment) that does not hold it is a usage error.</summary>
    public static MetadataProcessor? Locate(string? explicitDirectory, string? repositoryRoot, out string searched) =>
        Locate(explicitDirectory, repositoryRoot, Environment.GetEnvironmentVariable(EnvironmentVariable), out searched);

    /// <summary>As <see cref="Locate(string?, string?, out string)"/>, with the environment variable's value given.</summary>
    public static MetadataProcessor? Locate(string? explicitDirectory, string? repositoryRoot, string? fromEnvironment, out string searched)
    {
        if (!string.IsNullOrEmpty(explicitDirectory)) return Require(explicitDirectory, "--mdp", out searched);

        if (!string.IsNullOrEmpty(fromEnvironment)) return Require(fromEnvironment, EnvironmentVariable, out searched);

        if (repositoryRoot == null)
        {
            searched = "no repository root (" + RepositoryLayout.SolutionFileName + ") to look beside";
            return null;
        }
        string beside = Path.GetFullPath(Path.Combine(repositoryRoot, WorkplacePath));
        searched = beside;
        return MetadataProcessor.TryOpen(beside);
    }

    private static MetadataProcessor Require(string directory, string source, out string searched)
    {
        searched = Path.GetFullPath(directory);
        return MetadataProcessor.TryOpen(searched) ?? throw new NanoGateUsageException(
            source + " names " + searched + ", which does not hold the metadata processor (strict/mdp.dll and measure/mdp.dll)");
    }
}
