using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Engine.Tests.Snmp;

[TestClass]
public sealed class UsmCryptoTests
{
    // RFC 3414 appendix A.3.2: password "maplesyrup", engine id 00 00 00 00 00 00 00 00 00 00 00 02.
    [TestMethod]
    public void Rfc3414A32_PasswordToKeyAndLocalization()
    {
        var engineId = Convert.FromHexString("000000000000000000000002");
        var ku = UsmKeys.PasswordToKey(Encoding.ASCII.GetBytes("maplesyrup"));
        Assert.AreEqual("9fb5cc0381497b3793528939ff788d5d79145211", Convert.ToHexStringLower(ku));
        var kul = UsmKeys.Localize(ku, engineId, 0, engineId.Length);
        Assert.AreEqual("6695febc9288e36282235fc7151f128497b38f3f", Convert.ToHexStringLower(kul));
        CollectionAssert.AreEqual(kul, UsmKeys.LocalizedKey(Encoding.ASCII.GetBytes("maplesyrup"), engineId));
    }

    [TestMethod]
    public void PasswordToKey_MatchesSha1OfTheRepeatedPassword()
    {
        foreach (var password in new[] { "a", "12345678", "a much longer passphrase that does not divide 1048576 evenly!" })
        {
            var bytes = Encoding.UTF8.GetBytes(password);
            var expanded = new byte[1048576];
            for (int i = 0; i < expanded.Length; i++) expanded[i] = bytes[i % bytes.Length];
            CollectionAssert.AreEqual(SHA1.HashData(expanded), UsmKeys.PasswordToKey(bytes));
        }
        Assert.ThrowsExactly<ArgumentException>(() => UsmKeys.PasswordToKey([]));
    }

    [TestMethod]
    public void AesCfb_MatchesDotNetCfb128AndRoundTrips()
    {
        var random = new Random(3826);
        using var reference = Aes.Create();
        for (int i = 0; i < 300; i++)
        {
            var key = new byte[20];
            random.NextBytes(key);
            var salt = new byte[8];
            random.NextBytes(salt);
            int boots = random.Next(), time = random.Next();
            int length = random.Next(0, 300);
            var plain = new byte[length];
            random.NextBytes(plain);

            // RFC 3826 section 3.1.2.1: IV = boots || time || salt, key = first 16 bytes of the localized key.
            var iv = new byte[16];
            iv[0] = (byte)(boots >> 24); iv[1] = (byte)(boots >> 16); iv[2] = (byte)(boots >> 8); iv[3] = (byte)boots;
            iv[4] = (byte)(time >> 24); iv[5] = (byte)(time >> 16); iv[6] = (byte)(time >> 8); iv[7] = (byte)time;
            salt.CopyTo(iv, 8);
            reference.Key = key[..16];
            // .NET's CFB wants whole blocks; CFB ciphertext of a prefix is the prefix of the ciphertext.
            var padded = new byte[(length + 15) / 16 * 16];
            plain.CopyTo(padded, 0);
            var expected = reference.EncryptCfb(padded, iv, PaddingMode.None, 128)[..length];

            var cipher = new UsmAesCfb(key);
            var data = (byte[])plain.Clone();
            cipher.Encrypt(boots, time, salt, 0, data, 0, length);
            CollectionAssert.AreEqual(expected, data);
            cipher.Decrypt(boots, time, salt, 0, data, 0, length);
            CollectionAssert.AreEqual(plain, data);
        }
    }
}
