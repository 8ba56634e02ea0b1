using System.Buffers.Binary;
using System.Security.Cryptography;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Compiling;

/// <summary>Every region of the compiled format is covered: any change is refused before a lookup can run.</summary>
[TestClass]
public sealed class TamperTests
{
    private static CompiledDatabase Build()
    {
        // 3,000 artifacts and 750 identities: both sections get a one-byte bucket directory.
        var artifacts = Enumerable.Range(0, 3_000).Select(i => ("Vendor" + (i % 5), "Model " + (i / 4), "2." + (i % 3), CompiledDatabase.Hash(i)));
        var exploits = new[]
        {
            CompiledDatabase.Exploit("Vendor1", "Model 1*", "<2.1", "2.1", "CVE-2099-0001"),
            CompiledDatabase.Exploit("Vendor2", "*", "unknown", "unknown", "CVE-2099-0002"),
        };
        return new CompiledDatabase(artifacts, exploits);
    }

    private static IEnumerable<(string Region, int Start, int Length)> Regions(byte[] db)
    {
        uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(db.AsSpan(at));
        int aDir = (int)U32(HashDbFormat.OffsetArtifactDirectory), aEntries = (int)U32(HashDbFormat.OffsetArtifactEntries);
        int iDir = (int)U32(HashDbFormat.OffsetIdentityDirectory), iEntries = (int)U32(HashDbFormat.OffsetIdentityEntries);
        int xEntries = (int)U32(HashDbFormat.OffsetExploitEntries), strings = (int)U32(HashDbFormat.OffsetStringTable);
        int mac = db.Length - HashDbFormat.MacBytes;
        yield return ("magic", 0, 8);
        yield return ("format version", 8, 2);
        yield return ("flags", 10, 2);
        yield return ("database version", 12, 4);
        yield return ("created", 16, 8);
        yield return ("signer key id", 24, 8);
        yield return ("appliance key id", 32, 8);
        yield return ("artifact count", 40, 4);
        yield return ("bucket and entry sizes", 44, 4);
        yield return ("identity count", 48, 4);
        yield return ("exploit count", 52, 4);
        yield return ("section offsets", 56, 28);
        yield return ("total length", 84, 4);
        yield return ("reserved", 88, 8);
        yield return ("artifact directory", aDir, aEntries - aDir);
        yield return ("artifact entries", aEntries, iDir - aEntries);
        yield return ("identity directory", iDir, iEntries - iDir);
        yield return ("identity entries", iEntries, xEntries - iEntries);
        yield return ("exploit entries", xEntries, strings - xEntries);
        yield return ("string table", strings, mac - strings);
        yield return ("MAC", mac, HashDbFormat.MacBytes);
    }

    [TestMethod]
    public void OneChangedByte_InEveryRegion_IsRefused()
    {
        using var db = Build();
        var original = db.Bytes;
        Assert.IsNotNull(db.Open(original, null, out var cleanProblem), cleanProblem);
        var random = new Random(20240918);
        int tried = 0;
        foreach (var (region, start, length) in Regions(original))
        {
            Assert.IsGreaterThan(0, length, region);
            // Small regions: every byte. Large ones: both ends, the middle, and random bytes in between.
            var positions = length <= 128
                ? Enumerable.Range(start, length).ToList()
                : new[] { start, start + 1, start + length / 2, start + length - 1 }.Concat(Enumerable.Range(0, 24).Select(_ => start + random.Next(length))).ToList();
            foreach (var at in positions)
            {
                var altered = (byte[])original.Clone();
                altered[at] ^= (byte)(1 << random.Next(8));
                var reader = db.Open(altered, null, out var problem);
                Assert.IsNull(reader, $"{region}: byte {at} changed but the database was accepted");
                Assert.IsFalse(string.IsNullOrEmpty(problem), region);
                tried++;
            }
        }
        Assert.IsGreaterThan(300, tried);
    }

    [TestMethod]
    public void TruncatedExtendedOrEmptyFiles_AreRefused()
    {
        using var db = Build();
        var original = db.Bytes;

        Assert.IsNull(db.Open(original[..^1], null, out var truncated));
        Assert.IsNull(db.Open([.. original, 0], null, out var extended));
        Assert.IsNull(db.Open([], null, out var empty));
        Assert.IsNull(db.Open(original[..HashDbFormat.HeaderBytes], null, out var headerOnly));
        StringAssert.Contains(empty, "impossible size");
        Assert.IsNotNull(truncated);
        Assert.IsNotNull(extended);
        Assert.IsNotNull(headerOnly);
    }

    [TestMethod]
    public void AnotherAppliancesKey_IsRefusedWithAClearMessage()
    {
        using var db = Build();
        var otherKey = new byte[32];
        otherKey[0] = 1;

        var reader = db.Open(db.Bytes, otherKey, out var problem);

        Assert.IsNull(reader);
        StringAssert.Contains(problem, "authenticated for another appliance");
    }

    [TestMethod]
    public void AlteredBytes_AreReportedAsFailingTheIntegrityCheck()
    {
        using var db = Build();
        var altered = (byte[])db.Bytes.Clone();
        altered[altered.Length / 2] ^= 0x80;

        db.Open(altered, null, out var problem);

        StringAssert.Contains(problem, "integrity check");
    }

    [TestMethod]
    public void ACorrectlyAuthenticatedButInconsistentLayout_IsRefused()
    {
        // What a buggy compiler could produce: the MAC is right, the header lies about a count.
        using var db = Build();
        var forged = (byte[])db.Bytes.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(HashDbFormat.OffsetArtifactCount), 2_999);
        var mac = HMACSHA256.HashData(CompiledDatabase.ApplianceKey, forged.AsSpan(0, forged.Length - HashDbFormat.MacBytes));
        mac.CopyTo(forged, forged.Length - HashDbFormat.MacBytes);

        var reader = db.Open(forged, null, out var problem);

        Assert.IsNull(reader);
        StringAssert.Contains(problem, "layout is inconsistent");
    }

    [TestMethod]
    public void AMissingDatabase_SaysSo()
    {
        using var dir = new TestPaths.TempDir();
        using var blob = FileBlobReader.InDirectory(dir.Path);

        var reader = HashDbReader.Open(blob, "hashdb", CompiledDatabase.ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem);

        Assert.IsNull(reader);
        Assert.AreEqual("no firmware database is installed", problem);
    }
}
