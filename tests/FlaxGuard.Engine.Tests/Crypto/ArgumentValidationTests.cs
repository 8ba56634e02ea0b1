using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

[TestClass]
public sealed class ArgumentValidationTests
{
    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("SHA-1")]
    [DataRow("MD5")]
    public void Update_RejectsNullAndOutOfRangeArguments(string algorithm)
    {
        var hash = Create(algorithm);
        var data = new byte[10];
        Assert.ThrowsExactly<ArgumentNullException>(() => hash.Update(null!, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, -1, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, 11, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, 0, -1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, 0, 11));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, 5, 6));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, int.MaxValue, int.MaxValue));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Update(data, 1, int.MaxValue));

        // Rejected calls must not have absorbed anything; edge ranges are accepted.
        hash.Update(data, 10, 0);
        hash.Update(data, 0, 0);
        CollectionAssert.AreEqual(OneShot(algorithm, Array.Empty<byte>()), hash.Final());
    }

    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("SHA-1")]
    [DataRow("MD5")]
    public void Final_RejectsNullAndTooSmallOutput(string algorithm)
    {
        var hash = Create(algorithm);
        Assert.ThrowsExactly<ArgumentNullException>(() => hash.Final(null!, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Final(new byte[hash.HashSize - 1], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Final(new byte[hash.HashSize], 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hash.Final(new byte[hash.HashSize], -1));

        var output = new byte[hash.HashSize];
        hash.Final(output, 0);
        CollectionAssert.AreEqual(OneShot(algorithm, Array.Empty<byte>()), output);
    }

    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("SHA-1")]
    [DataRow("MD5")]
    public void OneShot_RejectsNullAndOutOfRangeArguments(string algorithm)
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => OneShot(algorithm, null!));
        Assert.ThrowsExactly<ArgumentNullException>(() => OneShot(algorithm, null!, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OneShot(algorithm, new byte[4], 2, 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OneShot(algorithm, new byte[4], -1, 1));
    }

    [TestMethod]
    public void HmacSha256_RejectsNullAndOutOfRangeArguments()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => new HmacSha256(null!));
        Assert.ThrowsExactly<ArgumentNullException>(() => HmacSha256.Compute(null!, new byte[1]));
        Assert.ThrowsExactly<ArgumentNullException>(() => HmacSha256.Compute(new byte[1], null!));
        Assert.ThrowsExactly<ArgumentNullException>(() => HmacSha256.Compute(new byte[1], null!, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => HmacSha256.Compute(new byte[1], new byte[4], 3, 2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => HmacSha256.Compute(new byte[1], new byte[4], 0, -1));

        var hmac = new HmacSha256(new byte[1]);
        Assert.ThrowsExactly<ArgumentNullException>(() => hmac.Update(null!, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hmac.Update(new byte[4], 5, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => hmac.Update(new byte[4], 2, 3));
    }
}
