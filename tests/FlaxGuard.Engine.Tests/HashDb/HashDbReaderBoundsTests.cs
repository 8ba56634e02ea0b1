using FlaxGuard.Engine.HashDb;

namespace FlaxGuard.Engine.Tests.HashDb;

/// <summary>The appliance's budget: a bounded number of storage reads per lookup and a few KB of memory.</summary>
[TestClass]
[DoNotParallelize]
public sealed class HashDbReaderBoundsTests
{
    private const int Artifacts = 1_000_000;
    private const int Models = 25_000;
    private const int MaxReadsPerLookup = 22;
    private static byte[]? s_million, s_millionOnePerRelease;

    /// <summary>One million artifacts, four images per release (the default) or one.</summary>
    private static byte[] Million(int imagesPerRelease = 4) => imagesPerRelease == 1
        ? s_millionOnePerRelease ??= SyntheticDatabase.Build(Artifacts, Models, imagesPerRelease: 1)
        : s_million ??= SyntheticDatabase.Build(Artifacts, Models);

    private static HashDbReader OpenMillion(MemoryBlobReader blob)
    {
        return HashDbReader.Open(blob, SyntheticDatabase.Name, SyntheticDatabase.ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem)
            ?? throw new AssertFailedException(problem);
    }

    [TestMethod]
    [DataRow(4)]
    [DataRow(1)]
    public void MillionEntries_AtMostSixteenBytesPerEntry(int imagesPerRelease)
    {
        var db = Million(imagesPerRelease);

        double perEntry = (double)db.Length / Artifacts;

        Console.WriteLine($"{imagesPerRelease} image(s) per release: {db.Length:N0} bytes, {perEntry:F2} bytes per entry");
        Assert.IsLessThanOrEqualTo(16.0, perEntry, $"{db.Length:N0} bytes for {Artifacts:N0} artifact hashes, {imagesPerRelease} per release");
    }

    [TestMethod]
    [DataRow(4)]
    [DataRow(1)]
    public void MillionEntries_EveryLookupStaysWithinTheReadBudget(int imagesPerRelease)
    {
        var blob = new MemoryBlobReader(SyntheticDatabase.Name, Million(imagesPerRelease));
        var reader = OpenMillion(blob);
        long worstArtifact = 0, worstMiss = 0, worstIdentity = 0;
        var random = new Random(1);

        for (int k = 0; k < 2_000; k++)
        {
            int i = random.Next(Artifacts);
            blob.Reads = 0;
            var found = reader.FindByArtifact(SyntheticDatabase.HashOf(i));
            worstArtifact = Math.Max(worstArtifact, blob.Reads);
            Assert.HasCount(1, found);
            var (vendor, model, version) = SyntheticDatabase.IdentityOf(i, Models, imagesPerRelease);
            Assert.AreEqual(model, found[0].Model);
            Assert.AreEqual(vendor, found[0].Vendor);
            Assert.AreEqual(version, found[0].Version);

            blob.Reads = 0;
            Assert.IsEmpty(reader.FindByArtifact(SyntheticDatabase.HashOf(Artifacts + k)));
            worstMiss = Math.Max(worstMiss, blob.Reads);

            blob.Reads = 0;
            Assert.IsNotNull(reader.FindIdentity(vendor, model, version));
            worstIdentity = Math.Max(worstIdentity, blob.Reads);
            blob.Reads = 0;
            Assert.IsNull(reader.FindIdentity(vendor, model, "9" + version));
            worstIdentity = Math.Max(worstIdentity, blob.Reads);
            blob.Reads = 0;
            Assert.IsNull(reader.FindIdentity(vendor, model + "0000", version), "an unknown model");
            worstIdentity = Math.Max(worstIdentity, blob.Reads);
        }
        Console.WriteLine($"{imagesPerRelease} image(s) per release: worst reads artifact hit {worstArtifact}, miss {worstMiss}, vendor/model/version {worstIdentity}");

        Assert.IsLessThanOrEqualTo(MaxReadsPerLookup, worstArtifact, "artifact hit");
        Assert.IsLessThanOrEqualTo(MaxReadsPerLookup, worstMiss, "artifact miss");
        Assert.IsLessThanOrEqualTo(MaxReadsPerLookup, worstIdentity, "identity lookup");
        Assert.IsLessThanOrEqualTo(HashDbReader.DefaultBufferBytes, blob.LargestRead, "no read is larger than the reader's buffer");
    }

    [TestMethod]
    [DataRow(4)]
    [DataRow(1)]
    public void Reader_AllocatesLessThanFourKiBBeyondItsBuffer(int imagesPerRelease)
    {
        var blob = new MemoryBlobReader(SyntheticDatabase.Name, Million(imagesPerRelease));
        OpenMillion(blob); // warm up: static tables, JIT
        var probe = SyntheticDatabase.HashOf(12_345);
        var (vendor, model, version) = SyntheticDatabase.IdentityOf(12_345, Models, imagesPerRelease);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = OpenMillion(blob);
        long open = GC.GetAllocatedBytesForCurrentThread() - before;

        reader.FindByArtifact(probe);
        reader.FindIdentity(vendor, model, version);
        reader.FindExploits(vendor, model, version);
        before = GC.GetAllocatedBytesForCurrentThread();
        reader.FindByArtifact(probe);
        long artifactLookup = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        reader.FindIdentity(vendor, model, version);
        long identityLookup = GC.GetAllocatedBytesForCurrentThread() - before;

        // Everything Open allocates (kept or not) bounds what the reader holds; lookups add only their results.
        long beyondBuffer = open - (HashDbReader.DefaultBufferBytes + 24);
        Console.WriteLine($"open allocated {open} B ({beyondBuffer} B beyond the buffer), artifact lookup {artifactLookup} B, identity lookup {identityLookup} B");
        Assert.IsLessThan(4096L, beyondBuffer);
        Assert.IsLessThan(4096L, artifactLookup);
        Assert.IsLessThan(4096L, identityLookup);
        GC.KeepAlive(reader);
    }
}
