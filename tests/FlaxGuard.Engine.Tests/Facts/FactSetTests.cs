using System.Security.Cryptography;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Facts;

[TestClass]
public sealed class FactSetTests
{
    private static FactSet Build(params (string Key, string Value)[] facts)
    {
        var set = new FactSet();
        foreach (var (key, value) in facts) Assert.IsTrue(set.Add(key, value, FactKind.Config));
        return set;
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(16)]
    [DataRow(200)]
    public void KeysStayUnique_BelowAndAboveTheSizeWhereAKeyTableIsMade(int capacity)
    {
        // Small sets scan for a key; past 128 facts a key table takes over. Both must give the same answers.
        var set = new FactSet(capacity);
        var random = new Random(capacity);
        var keys = Enumerable.Range(0, 300).Select(i => $"k.{random.Next(1000):D4}.{i % 7}").ToList();
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (i == 100) set.Reserve(50);
            bool added = set.Add(keys[i], "v" + i, FactKind.Config);
            Assert.AreEqual(expected.TryAdd(keys[i], "v" + i), added, keys[i]);
            Assert.AreEqual(expected[keys[i]], set.Get(keys[i])!.Value, "the first value of a key is kept");
        }
        Assert.AreEqual(expected.Count, set.Count);
        foreach (var (key, value) in expected) Assert.AreEqual(value, set.Get(key)!.Value);
        Assert.IsFalse(set.Contains("k.absent"));
        CollectionAssert.AreEqual(expected.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray(), set.ToArray().Select(f => f.Key).ToArray());
        set.Clear();
        Assert.AreEqual(0, set.Count);
        Assert.IsNull(set.Get(keys[0]));
        Assert.IsTrue(set.Add(keys[0], "again", FactKind.Config));
        Assert.AreEqual("again", set.Get(keys[0])!.Value);
    }

    [TestMethod]
    public void Digest_DoesNotDependOnInsertionOrder()
    {
        var random = new Random(42);
        var pairs = Enumerable.Range(0, 500).Select(i => ($"k.{random.Next():x8}.{i}", $"v{i}")).ToArray();
        var forward = Build(pairs);
        var shuffled = Build(pairs.OrderBy(_ => random.Next()).ToArray());
        Assert.AreEqual(forward.DigestHex(), shuffled.DigestHex());
        CollectionAssert.AreEqual(forward.EncodeCanonical(), shuffled.EncodeCanonical());
    }

    [TestMethod]
    public void Digest_IsSha256OfTheCanonicalEncoding()
    {
        var set = Build(("b", "2"), ("a", "1"), ("e.x", "ü €"));
        var canonical = set.EncodeCanonical();
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(canonical)).ToLowerInvariant(), set.DigestHex());
    }

    [TestMethod]
    public void CanonicalEncoding_HasTheDocumentedLayout()
    {
        var set = new FactSet();
        set.Add("b", "xy", FactKind.Exposure);
        set.Add("a", "", FactKind.Identity);
        byte[] expected =
        [
            (byte)'F', (byte)'G', (byte)'F', (byte)'1', 0, 0, 0, 2,
            1, 0, 0, 0, 1, (byte)'a', 0, 0, 0, 0,
            4, 0, 0, 0, 1, (byte)'b', 0, 0, 0, 2, (byte)'x', (byte)'y',
        ];
        CollectionAssert.AreEqual(expected, set.EncodeCanonical());
    }

    [TestMethod]
    public void Digest_ChangesWhenAnyValueKeyOrKindChanges()
    {
        var baseDigest = Build(("a", "1"), ("b", "2")).DigestHex();
        Assert.AreNotEqual(baseDigest, Build(("a", "1"), ("b", "3")).DigestHex());
        Assert.AreNotEqual(baseDigest, Build(("a", "1"), ("c", "2")).DigestHex());
        Assert.AreNotEqual(baseDigest, Build(("a", "12"), ("b", "")).DigestHex(), "length prefixes keep boundaries");
        var otherKind = new FactSet();
        otherKind.Add("a", "1", FactKind.Firmware);
        otherKind.Add("b", "2", FactKind.Config);
        Assert.AreNotEqual(baseDigest, otherKind.DigestHex());
    }

    [TestMethod]
    public void Add_RefusesDuplicateKeys_KeepingTheFirst()
    {
        var set = new FactSet();
        Assert.IsTrue(set.Add("k", "first", FactKind.Config));
        Assert.IsFalse(set.Add("k", "second", FactKind.Config));
        Assert.AreEqual("first", set.Get("k")!.Value);
        Assert.AreEqual(1, set.Count);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("a b", DisplayName = "space")]
    [DataRow("a=b", DisplayName = "equals")]
    [DataRow("a\nb", DisplayName = "newline")]
    [DataRow("é", DisplayName = "non-ascii")]
    public void Fact_RefusesBadKeys(string key)
    {
        Assert.ThrowsExactly<ArgumentException>(() => new Fact(key, "v", FactKind.Config));
    }

    [TestMethod]
    public void Fact_RefusesControlCharactersAndOverlongValues()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new Fact("k", "a\u0001", FactKind.Config));
        Assert.ThrowsExactly<ArgumentException>(() => new Fact("k", new string('x', Fact.MaxValueLength + 1), FactKind.Config));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Fact("k", "v", (FactKind)99));
    }

    [TestMethod]
    public void DecodeCanonical_RoundTrips()
    {
        var set = Build(("z", "1"), ("a.b", "ü €"), ("m", ""));
        var bytes = set.EncodeCanonical();
        var back = FactSet.DecodeCanonical(new ByteReader(bytes, 0, bytes.Length), 100);
        Assert.AreEqual(set.DigestHex(), back.DigestHex());
    }

    [TestMethod]
    public void DecodeCanonical_RefusesOutOfOrder_Truncated_AndLyingCounts()
    {
        var bytes = Build(("a", "1"), ("b", "2")).EncodeCanonical();
        for (var cut = 0; cut < bytes.Length; cut++)
            Assert.ThrowsExactly<FormatException>(() => FactSet.DecodeCanonical(new ByteReader(bytes, 0, cut), 100), $"cut at {cut}");

        var swapped = (byte[])bytes.Clone();
        swapped[13] = (byte)'c'; // key "a" becomes "c", after "b"'s position
        Assert.ThrowsExactly<FormatException>(() => FactSet.DecodeCanonical(new ByteReader(swapped, 0, swapped.Length), 100));

        var lying = (byte[])bytes.Clone();
        lying[4] = 0x7F;
        Assert.ThrowsExactly<FormatException>(() => FactSet.DecodeCanonical(new ByteReader(lying, 0, lying.Length), int.MaxValue / 16));
        Assert.ThrowsExactly<FormatException>(() => FactSet.DecodeCanonical(new ByteReader(bytes, 0, bytes.Length), 1));
    }

    [TestMethod]
    public void VolatileFilter_DropsUptimeCountersSessionsAndLeases()
    {
        var set = Build(("sys.uptime", "123"), ("if.wan.counter.rx", "9"), ("http.session", "abc"), ("dhcp.lease.aa:bb", "x"), ("fw.version", "1.0"), ("net.tcp.23", "open"));
        var kept = set.Without(VolatileKeyFilter.CreateDefault());
        CollectionAssert.AreEqual(new[] { "fw.version", "net.tcp.23" }, kept.ToArray().Select(f => f.Key).ToArray());
    }

    [TestMethod]
    public void Clear_EmptiesTheSet_ThenItFillsLikeANewOne()
    {
        var set = Build(("z.last", "1"), ("a.first", "2"), ("m.middle", "3"));
        set.Clear();
        Assert.AreEqual(0, set.Count);
        Assert.IsFalse(set.Contains("a.first"));
        Assert.IsNull(set.Get("z.last"));
        // More facts than before, out of order: the set grows and sorts as a fresh one does.
        var pairs = Enumerable.Range(0, 40).Select(i => ($"k.{(i * 7919) % 101:d3}", $"v{i}")).ToArray();
        foreach (var (key, value) in pairs) Assert.IsTrue(set.Add(key, value, FactKind.Config));
        Assert.IsTrue(set.Add("a.first", "again", FactKind.Config), "a cleared key can come back");
        var fresh = Build([.. pairs, ("a.first", "again")]);
        CollectionAssert.AreEqual(fresh.EncodeCanonical(), set.EncodeCanonical());
    }
}
