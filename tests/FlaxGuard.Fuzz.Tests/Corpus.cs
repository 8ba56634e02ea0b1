namespace FlaxGuard.Fuzz.Tests;

/// <summary>The checked-in seed corpus of each target (tests/FlaxGuard.Fuzz/corpus, copied next to the tests).</summary>
public static class Corpus
{
    public static string Folder(IFuzzTarget target) => Path.Combine(AppContext.BaseDirectory, "corpus", target.Name);

    public static IReadOnlyList<(string File, byte[] Bytes)> Seeds(IFuzzTarget target) =>
        Directory.Exists(Folder(target))
            ? [.. Directory.GetFiles(Folder(target)).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]
            : [];
}
