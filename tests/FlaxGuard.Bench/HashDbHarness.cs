using System.Diagnostics;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// <c>dotnet run -c Release -- --hashdb-harness [entries [images-per-release]]</c>: compiles a synthetic
/// database (default 1,000,000 artifact hashes, 4 images per release), writes it to a temporary file and prints bytes per entry, compile time,
/// lookups per second through real file reads, storage reads per lookup, and the engine reader's
/// allocations. One compile takes seconds, too long for BenchmarkDotNet's repetitions.
/// </summary>
public static class HashDbHarness
{
    private const int Lookups = 200_000;

    public static int Run(string[] args)
    {
        int entries = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        int perRelease = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
        if (entries < 4 || entries > 16_000_000) throw new ArgumentOutOfRangeException(nameof(args), "entries must be 4 to 16,000,000");
        if (perRelease < 1 || perRelease > 8) throw new ArgumentOutOfRangeException(nameof(args), "images per release must be 1 to 8");
        Console.WriteLine($"hashdb harness: {entries:N0} artifact hashes, {perRelease} per release, {HashDbSynthetic.Models:N0} models");

        var rows = HashDbSynthetic.Rows(entries, perRelease);
        GC.Collect();
        var sw = Stopwatch.StartNew();
        var db = HashDbSynthetic.Compile(rows);
        sw.Stop();
        Console.WriteLine($"compile: {sw.Elapsed.TotalSeconds:F2} s ({entries / sw.Elapsed.TotalSeconds:N0} entries/s), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MiB");
        Console.WriteLine($"size: {db.Length:N0} bytes = {(double)db.Length / entries:F2} bytes per artifact entry");

        var path = Path.Combine(Path.GetTempPath(), $"fg-hashdb-harness-{Environment.ProcessId}.db");
        File.WriteAllBytes(path, db);
        try
        {
            using var file = FileBlobReader.SingleFile(path, HashDbSynthetic.Name);
            var counting = new CountingBlobReader(file);
            sw.Restart();
            var reader = HashDbReader.Open(counting, HashDbSynthetic.Name, HashDbSynthetic.ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem)
                ?? throw new InvalidOperationException(problem);
            sw.Stop();
            Console.WriteLine($"open + MAC check: {sw.Elapsed.TotalMilliseconds:F0} ms, {counting.Reads:N0} reads of <= {HashDbReader.DefaultBufferBytes} bytes");

            var random = new Random(7);
            var probes = Enumerable.Range(0, Lookups).Select(_ => random.Next(entries)).ToArray();
            var hashes = probes.Select(HashDbSynthetic.HashOf).ToArray();
            var missing = Enumerable.Range(0, Lookups).Select(i => HashDbSynthetic.HashOf(entries + i)).ToArray();

            Measure("artifact hit", counting, () => { foreach (var h in hashes) if (reader.FindByArtifact(h).Length != 1) throw new InvalidOperationException("missing"); });
            Measure("artifact miss", counting, () => { foreach (var h in missing) if (reader.FindByArtifact(h).Length != 0) throw new InvalidOperationException("false hit"); });
            var identities = probes.Take(Lookups / 4).Select(p => HashDbSynthetic.IdentityOf(p, perRelease)).ToArray();
            Measure("identity hit", counting, () => { foreach (var (v, m, r) in identities) if (reader.FindIdentity(v, m, r) is null) throw new InvalidOperationException("missing"); }, identities.Length);
            // Known vendor and model, a version that was never published.
            var unknownVersions = identities.Select(i => (i.Vendor, i.Model, Version: "9" + i.Version)).ToArray();
            Measure("identity miss", counting, () => { foreach (var (v, m, r) in unknownVersions) if (reader.FindIdentity(v, m, r) is not null) throw new InvalidOperationException("false hit"); }, unknownVersions.Length);

            // Worst case over the same probes, one lookup at a time.
            long Worst<T>(IEnumerable<T> items, Action<T> lookup)
            {
                long worst = 0;
                foreach (var item in items.Take(20_000))
                {
                    counting.Reset();
                    lookup(item);
                    worst = Math.Max(worst, counting.Reads);
                }
                return worst;
            }
            long worstHit = Worst(hashes, h => reader.FindByArtifact(h));
            long worstMiss = Worst(missing, h => reader.FindByArtifact(h));
            long worstIdentity = Worst(identities, i => reader.FindIdentity(i.Vendor, i.Model, i.Version));
            long worstIdentityMiss = Worst(unknownVersions, i => reader.FindIdentity(i.Vendor, i.Model, i.Version));
            Console.WriteLine($"worst reads per lookup: artifact hit {worstHit}, artifact miss {worstMiss}, identity hit {worstIdentity}, identity miss {worstIdentityMiss} (budget 22)");

            long before = GC.GetAllocatedBytesForCurrentThread();
            var second = HashDbReader.Open(counting, HashDbSynthetic.Name, HashDbSynthetic.ApplianceKey, HashDbReader.DefaultBufferBytes, out _);
            long openAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            second!.FindByArtifact(hashes[0]);
            long lookupAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"reader memory: open allocates {openAllocated:N0} B in all ({openAllocated - HashDbReader.DefaultBufferBytes - 24:N0} B beyond its {HashDbReader.DefaultBufferBytes}-byte buffer); one artifact lookup allocates {lookupAllocated:N0} B (its result)");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Measure(string what, CountingBlobReader counting, Action run, int count = Lookups)
    {
        counting.Reset();
        var sw = Stopwatch.StartNew();
        run();
        sw.Stop();
        Console.WriteLine($"{what}: {count / sw.Elapsed.TotalSeconds:N0} lookups/s, {(double)counting.Reads / count:F2} reads per lookup, {(double)counting.BytesRead / count:F0} bytes per lookup");
    }
}
