using System.Security.Cryptography;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>
/// The cfg.sshkey digest from a RouterOS fingerprint, checked against OpenSSH's own ssh-keygen: the fingerprint it
/// prints for a real key (the same text RouterOS 7.20+ lists) must give the first 16 hex digits of the SHA-256 of
/// the key blob in the .pub file, which is what a probe that reads authorized_keys computes.
/// </summary>
[TestClass]
public sealed class SshKeyFingerprintTests
{
    [TestMethod]
    [DataRow("ed25519", null)]
    [DataRow("rsa", "2048")]
    [DataRow("ecdsa", "256")]
    public void FingerprintDigest_MatchesTheBlobDigest_OfARealKey(string type, string? bits)
    {
        var keygen = DebianTool.Require("ssh-keygen", "openssh-client");
        var dir = Directory.CreateTempSubdirectory("flaxguard-routeros-key-").FullName;
        try
        {
            var key = Path.Combine(dir, "key");
            var args = new List<string> { "-q", "-t", type, "-N", "", "-C", "lab@flaxguard", "-f", key };
            if (bits is not null) args.AddRange(["-b", bits]);
            var (code, _, err) = DebianTool.Run(keygen, args);
            Assert.AreEqual(0, code, err);
            var (listCode, listing, listErr) = DebianTool.Run(keygen, ["-l", "-E", "sha256", "-f", key + ".pub"]);
            Assert.AreEqual(0, listCode, listErr);
            var fingerprint = listing.Split(' ')[1];
            StringAssert.StartsWith(fingerprint, "SHA256:");

            var blob = Convert.FromBase64String(File.ReadAllText(key + ".pub").Split(' ')[1]);
            var expected = Convert.ToHexStringLower(SHA256.HashData(blob))[..16];
            Assert.AreEqual(expected, SshKeyDigest.FromFingerprint(fingerprint));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
