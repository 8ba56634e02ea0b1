using System.Buffers.Binary;
using System.Security.Cryptography;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Compiling;

/// <summary>
/// Every byte region of the compiled format (version 2) is covered: any change is refused before a lookup can
/// run, and even a change that carries a valid MAC (a compiler bug, a leaked appliance key) is refused by the
/// layout checks or makes lookups fail with <see cref="FormatException"/>, never with a crash.
/// </summary>
[TestClass]
public sealed class TamperTests
{
    private const string NotADatabase = "not a FlaxGuard firmware database";
    private const string WrongFormat = "format version";
    private const string OtherAppliance = "authenticated for another appliance";
    private const string IntegrityCheck = "integrity check";

    private static CompiledDatabase Build()
    {
        // 6,000 artifacts of 1,500 models in 1,100 versions: artifacts, models and versions all get a one-byte
        // bucket directory, so every region of the format is present.
        var artifacts = Enumerable.Range(0, 6_000).Select(i =>
        {
            int model = i / 2 % 1_500;
            return ("Vendor" + (model % 5), "Model " + model, "2." + (i % 1_100), CompiledDatabase.Hash(i));
        });
        var exploits = new[]
        {
            CompiledDatabase.Exploit("Vendor1", "Model 1*", "<2.1", "2.1", "CVE-2099-0001"),
            CompiledDatabase.Exploit("Vendor2", "*", "unknown", "unknown", "CVE-2099-0002"),
        };
        return new CompiledDatabase(artifacts, exploits);
    }

    private static int U32(byte[] db, int at) => (int)BinaryPrimitives.ReadUInt32BigEndian(db.AsSpan(at));

    /// <summary>Header fields one by one.</summary>
    private static IEnumerable<(string Region, int Start, int Length)> HeaderFields()
    {
        yield return ("magic", HashDbFormat.OffsetMagic, 8);
        yield return ("format version", HashDbFormat.OffsetFormatVersion, 2);
        yield return ("flags", HashDbFormat.OffsetFlags, 2);
        yield return ("database version", HashDbFormat.OffsetDatabaseVersion, 4);
        yield return ("created", HashDbFormat.OffsetCreated, 8);
        yield return ("signer key id", HashDbFormat.OffsetSignerKeyId, 8);
        yield return ("appliance key id", HashDbFormat.OffsetApplianceKeyId, 8);
        foreach (var (name, at) in CountFields()) yield return (name, at, 4);
        foreach (var (name, at) in SizeFields()) yield return (name, at, 1);
        foreach (var (name, at) in SectionOffsetFields()) yield return (name, at, 4);
        yield return ("string table length", HashDbFormat.OffsetStringTableLength, 4);
        yield return ("total length", HashDbFormat.OffsetTotalLength, 4);
        yield return ("reserved", HashDbFormat.OffsetReserved, HashDbFormat.HeaderBytes - HashDbFormat.OffsetReserved);
    }

    private static IEnumerable<(string Name, int At)> CountFields() =>
    [
        ("artifact count", HashDbFormat.OffsetArtifactCount), ("release count", HashDbFormat.OffsetReleaseCount),
        ("model count", HashDbFormat.OffsetModelCount), ("version count", HashDbFormat.OffsetVersionCount),
        ("vendor count", HashDbFormat.OffsetVendorCount), ("exploit count", HashDbFormat.OffsetExploitCount),
    ];

    private static IEnumerable<(string Name, int At)> SizeFields() =>
    [
        ("artifact bucket bytes", HashDbFormat.OffsetArtifactBucketBytes), ("artifact entry bytes", HashDbFormat.OffsetArtifactEntryBytes),
        ("model bucket bytes", HashDbFormat.OffsetModelBucketBytes), ("model entry bytes", HashDbFormat.OffsetModelEntryBytes),
        ("version bucket bytes", HashDbFormat.OffsetVersionBucketBytes), ("version entry bytes", HashDbFormat.OffsetVersionEntryBytes),
        ("release entry bytes", HashDbFormat.OffsetReleaseEntryBytes), ("release version bits", HashDbFormat.OffsetReleaseVersionBits),
    ];

    private static readonly string[] SectionNames =
    [
        "artifact directory", "artifact entries", "release entries", "model directory", "model entries",
        "version directory", "version entries", "vendor entries", "exploit entries", "string table",
    ];

    private static IEnumerable<(string Name, int At)> SectionOffsetFields() =>
        SectionNames.Select((name, i) => (name + " offset", HashDbFormat.OffsetArtifactDirectory + 4 * i));

    /// <summary>The sections between header and MAC, where the header says they are.</summary>
    private static IEnumerable<(string Region, int Start, int Length)> Sections(byte[] db)
    {
        int mac = db.Length - HashDbFormat.MacBytes;
        for (int i = 0; i < SectionNames.Length; i++)
        {
            int start = U32(db, HashDbFormat.OffsetArtifactDirectory + 4 * i);
            int end = i + 1 < SectionNames.Length ? U32(db, HashDbFormat.OffsetArtifactDirectory + 4 * (i + 1)) : mac;
            yield return (SectionNames[i], start, end - start);
        }
    }

    private static IEnumerable<(string Region, int Start, int Length)> Regions(byte[] db) =>
        HeaderFields().Concat(Sections(db)).Append(("MAC", db.Length - HashDbFormat.MacBytes, HashDbFormat.MacBytes));

    /// <summary>What Open says when one byte of <paramref name="region"/> changes: the checks run in this order.</summary>
    private static string ExpectedRefusal(string region) => region switch
    {
        "magic" => NotADatabase,
        "format version" => WrongFormat,
        "appliance key id" => OtherAppliance,
        _ => IntegrityCheck,
    };

    private static void ReMac(byte[] db)
    {
        var mac = HMACSHA256.HashData(CompiledDatabase.ApplianceKey, db.AsSpan(0, db.Length - HashDbFormat.MacBytes));
        mac.CopyTo(db, db.Length - HashDbFormat.MacBytes);
    }

    [TestMethod]
    public void Regions_TileTheWholeFile()
    {
        using var db = Build();
        var bytes = db.Bytes;
        int next = 0;
        foreach (var (region, start, length) in Regions(bytes))
        {
            Assert.AreEqual(next, start, $"{region} starts where the previous region ends");
            Assert.IsGreaterThan(0, length, $"{region} is present in the test database");
            next = start + length;
        }
        Assert.AreEqual(bytes.Length, next);
    }

    [TestMethod]
    public void OneChangedByte_InEveryRegion_IsRefused_ByTheCheckThatCoversIt()
    {
        using var db = Build();
        var original = db.Bytes;
        Assert.IsNotNull(db.Open(original, null, out var cleanProblem), cleanProblem);
        var random = new Random(20240918);
        int tried = 0;
        foreach (var (region, start, length) in Regions(original))
        {
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
                StringAssert.Contains(problem, ExpectedRefusal(region), $"{region}: byte {at}");
                tried++;
            }
        }
        Assert.IsGreaterThan(400, tried);
    }

    [TestMethod]
    public void AuthenticatedChanges_ToCountsSizesOffsetsFlagsOrReserved_AreRefusedByTheLayoutChecks()
    {
        // What a buggy compiler (or someone holding the appliance key) could produce: the MAC is right, the header lies.
        using var db = Build();
        var original = db.Bytes;
        var fields = CountFields().Select(f => (f.Name, f.At, Width: 4))
            .Concat(SizeFields().Select(f => (f.Name, f.At, Width: 1)))
            .Concat(SectionOffsetFields().Select(f => (f.Name, f.At, Width: 4)))
            .Append(("string table length", HashDbFormat.OffsetStringTableLength, 4))
            .Append(("total length", HashDbFormat.OffsetTotalLength, 4));
        int tried = 0;
        foreach (var (name, at, width) in fields)
        {
            foreach (int delta in width == 4 ? new[] { 1, -1, 1 << 8 } : new[] { 1, -1, 2 })
            {
                var forged = (byte[])original.Clone();
                if (width == 4) BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(at), (uint)(U32(original, at) + delta));
                else forged[at] = (byte)(original[at] + delta);
                ReMac(forged);

                var reader = db.Open(forged, null, out var problem);

                Assert.IsNull(reader, $"{name} changed by {delta} was accepted");
                StringAssert.Contains(problem, "layout is inconsistent", name);
                tried++;
            }
        }
        foreach (var (name, at, message) in new[] { ("flags", HashDbFormat.OffsetFlags + 1, "flags"), ("reserved", HashDbFormat.OffsetReserved + 3, "reserved") })
        {
            var forged = (byte[])original.Clone();
            forged[at] ^= 1;
            ReMac(forged);
            Assert.IsNull(db.Open(forged, null, out var problem), name);
            StringAssert.Contains(problem, message, name);
            tried++;
        }
        Assert.IsGreaterThan(75, tried);
    }

    [TestMethod]
    public void AuthenticatedChanges_InsideTheSections_MakeLookupsFailCleanly_NeverCrash()
    {
        using var db = Build();
        var original = db.Bytes;
        var random = new Random(6);
        var probes = Enumerable.Range(0, 40).Select(_ => random.Next(6_000)).ToArray();
        int formatErrors = 0, lookups = 0;
        foreach (var (region, start, length) in Sections(original))
        {
            for (int round = 0; round < 12; round++)
            {
                var forged = (byte[])original.Clone();
                for (int k = 0; k < 1 + round; k++) forged[start + random.Next(length)] ^= (byte)(1 << random.Next(8));
                ReMac(forged);
                var reader = db.Open(forged, null, out var problem);
                Assert.IsNotNull(reader, $"{region}: the header is intact, so the file opens ({problem})");

                foreach (int i in probes)
                {
                    int model = i / 2 % 1_500;
                    var vendor = "Vendor" + (model % 5);
                    foreach (var lookup in new Action[]
                    {
                        () => reader.FindByArtifact(CompiledDatabase.Hash(i)),
                        () => reader.FindIdentity(vendor, "Model " + model, "2." + (i % 1_100)),
                        () => reader.FindExploits(vendor, "Model " + model, "2.0"),
                    })
                    {
                        lookups++;
                        try
                        {
                            lookup();
                        }
                        catch (FormatException)
                        {
                            formatErrors++;
                        }
                    }
                }
            }
        }
        Console.WriteLine($"{lookups} lookups in forged databases, {formatErrors} refused with FormatException");
        Assert.IsGreaterThan(0, formatErrors, "some forgeries are noticed during lookups");
    }

    [TestMethod]
    public void AnOlderFormat_IsRefusedWithAdviceToRecompile()
    {
        using var db = Build();
        var old = (byte[])db.Bytes.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(old.AsSpan(HashDbFormat.OffsetFormatVersion), 1);

        var reader = db.Open(old, null, out var problem);

        Assert.IsNull(reader);
        StringAssert.Contains(problem, "format version 1, this engine reads only version 2");
        StringAssert.Contains(problem, "flaxguard hashes compile");
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
        StringAssert.Contains(truncated, IntegrityCheck);
        StringAssert.Contains(extended, IntegrityCheck);
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
        StringAssert.Contains(problem, OtherAppliance);
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
