using System.Security.Cryptography;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

[TestClass]
public sealed class SshKeyDigestTests
{
    [TestMethod]
    public void DecodeBase64_AgreesWithDotNet_PaddedAndUnpadded()
    {
        var random = new Random(77);
        for (var length = 0; length < 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var padded = Convert.ToBase64String(data);
            CollectionAssert.AreEqual(data, SshKeyDigest.DecodeBase64(padded), padded);
            CollectionAssert.AreEqual(data, SshKeyDigest.DecodeBase64(padded.TrimEnd('=')), padded);
        }
    }

    [TestMethod]
    [DataRow("AB*D")]
    [DataRow("A")]
    [DataRow("AB=C")]
    [DataRow("AB===")]
    [DataRow("AB")] // non-canonical: leftover bits are not zero
    public void DecodeBase64_RefusesMalformedText(string text)
    {
        Assert.IsNull(SshKeyDigest.DecodeBase64(text));
    }

    [TestMethod]
    public void FromFingerprint_IsTheFirst16HexOfTheBlobsSha256()
    {
        var blob = new byte[51];
        new Random(5).NextBytes(blob);
        var hash = SHA256.HashData(blob);
        var fingerprint = "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
        Assert.AreEqual(Convert.ToHexStringLower(hash)[..16], SshKeyDigest.FromFingerprint(fingerprint));
        Assert.AreEqual(Convert.ToHexStringLower(hash)[..16], SshKeyDigest.FromFingerprint(" " + fingerprint + " "));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("MD5:12:34")]
    [DataRow("SHA256:")]
    [DataRow("SHA256:abc")]
    [DataRow("sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")]
    public void FromFingerprint_RefusesWhatIsNotOne(string text)
    {
        Assert.IsNull(SshKeyDigest.FromFingerprint(text));
    }

    [TestMethod]
    public void FromAttributes_IsStable_AndTellsKeysApart()
    {
        var a = SshKeyDigest.FromAttributes("admin", "rsa", "2048", "admin@laptop");
        Assert.AreEqual(a, SshKeyDigest.FromAttributes("admin", "rsa", "2048", "admin@laptop"));
        Assert.AreNotEqual(a, SshKeyDigest.FromAttributes("admin", "rsa", "2048", "root@elsewhere"));
        Assert.AreNotEqual(a, SshKeyDigest.FromAttributes("backup", "rsa", "2048", "admin@laptop"));
        Assert.AreEqual(16, a.Length);
    }
}
