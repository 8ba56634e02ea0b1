using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

[TestClass]
public sealed class ConstantTimeTests
{
    [TestMethod]
    public void Equals_SameContent_IsTrue()
    {
        Assert.IsTrue(ConstantTime.Equals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.IsTrue(ConstantTime.Equals(Array.Empty<byte>(), Array.Empty<byte>()));
        var same = new byte[] { 9, 9 };
        Assert.IsTrue(ConstantTime.Equals(same, same));
    }

    [TestMethod]
    public void Equals_AnySingleBitDifference_IsFalse()
    {
        var a = Sha256.Hash(new byte[] { 1 });
        for (var i = 0; i < a.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var b = (byte[])a.Clone();
                b[i] ^= (byte)(1 << bit);
                Assert.IsFalse(ConstantTime.Equals(a, b), $"byte {i}, bit {bit}");
            }
        }
    }

    [TestMethod]
    public void Equals_LengthMismatch_IsFalse()
    {
        Assert.IsFalse(ConstantTime.Equals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2 }));
        Assert.IsFalse(ConstantTime.Equals(Array.Empty<byte>(), new byte[] { 0 }));
        Assert.IsFalse(ConstantTime.Equals(new byte[32], new byte[20]));
    }

    [TestMethod]
    public void Equals_Null_Throws()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => ConstantTime.Equals(null!, new byte[1]));
        Assert.ThrowsExactly<ArgumentNullException>(() => ConstantTime.Equals(new byte[1], null!));
    }
}
