namespace FlaxGuard.Fuzz.Tests;

/// <summary>
/// The bounded fuzz smoke CI runs: for every target, its seed corpus, then deterministic mutations of it (fixed random
/// seed), in-process. A target fails on any exception other than its parser's documented refusal, on an input that
/// takes longer than <see cref="HangAfter"/>, or that allocates beyond <see cref="AllocationBound"/>. The failing
/// input is written to the test's results folder, ready for `dotnet run --project tests/FlaxGuard.Fuzz -- TARGET --replay FILE`.
/// Longer, coverage-guided runs are tests/fuzz.sh under afl-fuzz.
/// </summary>
[TestClass]
public sealed class FuzzSmokeTests
{
    private const int RandomSeed = 20261127;
    private const int Mutations = 10_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(2);

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Targets => FuzzTargets.All.Select(t => new object[] { t.Name });

    /// <summary>
    /// Device answers are bounded by the transports (a few KiB to 1 MiB); no parser may turn them into much more:
    /// a fixed allowance (first-use tables, hash state, digests) plus a generous factor of the input.
    /// </summary>
    public static long AllocationBound(int inputBytes) => 2L * 1024 * 1024 + 64L * inputBytes;

    [TestMethod]
    [DynamicData(nameof(Targets))]
    public void SeedsAndMutations_NeverCrashHangOrOverAllocate(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        byte[][] seeds = [.. Corpus.Seeds(target).Select(s => s.Bytes)];
        Assert.IsNotEmpty(seeds, $"no seed corpus for {name} in {Corpus.Folder(target)}");

        var mutator = new Mutator(seeds, RandomSeed);
        IEnumerable<byte[]> inputs = seeds.Concat(Enumerable.Range(0, Mutations).Select(_ => mutator.Next()));
        SmokeResult result = SmokeRun.Run(target, inputs, seeds.Length + Mutations, Budget, HangAfter, AllocationBound);

        TestContext.WriteLine($"{name}: {result.Inputs} inputs ({result.Accepted} accepted) in {result.Elapsed.TotalSeconds:F1} s, " +
            $"slowest {result.SlowestInput.TotalMilliseconds:F1} ms, most allocated {result.MostAllocatedBytes:N0} bytes");
        if (result.Failure is { } failure)
        {
            string file = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"fuzz-{name}-failure.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, failure.Input);
            Assert.Fail($"{name} failed on a {failure.Input.Length}-byte input (saved to {file}; base64 {Convert.ToBase64String(failure.Input.AsSpan(0, Math.Min(failure.Input.Length, 512)))}): {failure.What}");
        }
        Assert.IsGreaterThanOrEqualTo(seeds.Length, result.Inputs, "the smoke did not even replay the corpus within its budget");
    }

    [TestMethod]
    [DynamicData(nameof(Targets))]
    public void EverySeed_IsAcceptedByItsParser(string name)
    {
        // A seed the parser refuses fuzzes only the checks before its refusal; every seed must reach the end.
        IFuzzTarget target = FuzzTargets.Find(name)!;
        var seeds = Corpus.Seeds(target);
        Assert.IsNotEmpty(seeds, $"no seed corpus for {name}");
        var refused = seeds.Where(s => !target.Run(s.Bytes)).Select(s => s.File).ToList();
        Assert.IsEmpty(refused, $"{name} refuses its seeds {string.Join(", ", refused)}");
    }
}
