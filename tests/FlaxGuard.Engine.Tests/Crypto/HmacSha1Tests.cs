using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

[TestClass]
public sealed class HmacSha1Tests
{
    // RFC 2202 section 3, test cases 1, 2, 3, 6 and 7.
    [TestMethod]
    [DataRow("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b617318655057264e28bc0b6fb378c8ef146be00")]
    [DataRow("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")]
    [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "125d7342b9ac11cd91a39af48aa17b4f63f175d3")]
    public void Rfc2202Vectors(string keyHex, string dataHex, string macHex)
    {
        var key = Convert.FromHexString(keyHex);
        var data = Convert.FromHexString(dataHex);
        Assert.AreEqual(macHex, Convert.ToHexStringLower(HmacSha1.Compute(key, data, 0, data.Length)));
    }

    [TestMethod]
    public void Rfc2202LongKeyVectors()
    {
        var key = Enumerable.Repeat((byte)0xaa, 80).ToArray();
        var data6 = Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First");
        Assert.AreEqual("aa4ae5e15272d00e95705637ce8a3b55ed402112", Convert.ToHexStringLower(HmacSha1.Compute(key, data6, 0, data6.Length)));
        var data7 = Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data");
        Assert.AreEqual("e8e99d0f45237d786d6bbaa7965c7808bbff1a91", Convert.ToHexStringLower(HmacSha1.Compute(key, data7, 0, data7.Length)));
    }

    [TestMethod]
    public void MatchesDotNetOnRandomKeysAndMessages_AndReusesTheKey()
    {
        var random = new Random(3414);
        for (int i = 0; i < 300; i++)
        {
            var key = new byte[random.Next(0, 150)];
            random.NextBytes(key);
            var hmac = new HmacSha1(key);
            for (int round = 0; round < 2; round++)
            {
                var data = new byte[random.Next(0, 700)];
                random.NextBytes(data);
                int split = data.Length == 0 ? 0 : random.Next(0, data.Length);
                hmac.Update(data, 0, split);
                hmac.Update(data, split, data.Length - split);
                var output = new byte[25];
                hmac.Final(output, 5);
                CollectionAssert.AreEqual(HMACSHA1.HashData(key, data), output[5..]);
            }
        }
    }
}
