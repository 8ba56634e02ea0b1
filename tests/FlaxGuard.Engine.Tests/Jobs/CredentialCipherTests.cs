using System.Security.Cryptography;
using FlaxGuard.Engine.Jobs;

namespace FlaxGuard.Engine.Tests.Jobs;

[TestClass]
public sealed class CredentialCipherTests
{
    [TestMethod]
    public void NistSp800_38A_F51_Ctr_Aes128_Encrypt()
    {
        // NIST SP 800-38A appendix F.5.1 (CTR-AES128.Encrypt).
        var key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
        var counter = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        var plain = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        var expected = Convert.FromHexString("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
        var data = (byte[])plain.Clone();
        new CredentialCipher(key, counter).Transform(data, 0, data.Length);
        CollectionAssert.AreEqual(expected, data);
    }

    [TestMethod]
    public void MatchesDotNetAesEcbBuiltCtr_ForRandomKeysNoncesLengthsAndSplits()
    {
        var random = new Random(77);
        for (var round = 0; round < 300; round++)
        {
            var key = RandomNumberGenerator.GetBytes(16);
            var nonce = RandomNumberGenerator.GetBytes(16);
            // Push some nonces to the carry boundary so the 128-bit increment is exercised.
            if (round % 5 == 0) for (var i = 8; i < 16; i++) nonce[i] = 0xFF;
            var data = new byte[random.Next(0, 700)];
            random.NextBytes(data);
            var expected = JobEnvelopeTests.ReferenceCtr(key, nonce, data);
            var cipher = new CredentialCipher(key, nonce);
            var actual = (byte[])data.Clone();
            var at = 0;
            while (at < actual.Length)
            {
                var chunk = Math.Min(random.Next(0, 40), actual.Length - at);
                cipher.Transform(actual, at, chunk);
                at += chunk;
            }
            CollectionAssert.AreEqual(expected, actual, $"round {round}");
        }
    }

    [TestMethod]
    public void TransformTwice_GivesTheClearTextBack()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var clear = "admin:hunter2"u8.ToArray();
        var data = (byte[])clear.Clone();
        CredentialCipher.ForAppliance(key, nonce).Transform(data, 0, data.Length);
        CollectionAssert.AreNotEqual(clear, data);
        CredentialCipher.ForAppliance(key, nonce).Transform(data, 0, data.Length);
        CollectionAssert.AreEqual(clear, data);
    }
}
