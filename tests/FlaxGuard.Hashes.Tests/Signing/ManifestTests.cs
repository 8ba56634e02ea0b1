using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Tests.Signing;

[TestClass]
public sealed class ManifestTests
{
    private static (byte[] Seed, byte[] Public) NewKey() => Ed25519Keys.Generate();

    [TestMethod]
    public void SignedData_Verifies_AndTheVersionGrowsWithEachSigning()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (seed, pub) = NewKey();

        Assert.AreEqual(1u, Manifest.Sign(dir.Path, seed));
        var verified = Manifest.Verify(dir.Path, pub);
        Assert.AreEqual(1u, verified.DatabaseVersion);
        Assert.AreEqual(3, verified.FileCount);
        Assert.AreEqual(Ed25519Keys.KeyId(pub), verified.KeyId);
        Assert.AreEqual(2u, Manifest.Sign(dir.Path, seed));
        Assert.AreEqual(2u, Manifest.Verify(dir.Path, pub).DatabaseVersion);
    }

    [TestMethod]
    public void Rotation_BothPinnedKeysWork_UntilTheOldOneRunsOut_AndARevokedKeyNeverDoes()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (oldSeed, oldPublic) = NewKey();
        var (newSeed, newPublic) = NewKey();
        var (lostSeed, lostPublic) = NewKey();
        var until = new DateTimeOffset(2030, 6, 30, 0, 0, 0, TimeSpan.Zero);
        var trusted = new TrustedKeys(
            [new PinnedKey("old", oldPublic, until), new PinnedKey("new", newPublic, until.AddYears(5)), new PinnedKey("lost", lostPublic, until.AddYears(5))],
            [new RevokedKey(Ed25519Keys.KeyId(lostPublic), "lost in a test")]);

        Manifest.Sign(dir.Path, oldSeed);
        Assert.AreEqual(Ed25519Keys.KeyId(oldPublic), Manifest.Verify(dir.Path, trusted, until.AddDays(-1)).KeyId);
        var expired = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, trusted, until.AddDays(1)));
        StringAssert.Contains(expired.Message, "trusted until 2030-06-30");

        Manifest.Sign(dir.Path, newSeed);
        Assert.AreEqual(Ed25519Keys.KeyId(newPublic), Manifest.Verify(dir.Path, trusted, until.AddDays(1)).KeyId);

        Manifest.Sign(dir.Path, lostSeed);
        var revoked = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, trusted, until.AddDays(-1)));
        StringAssert.Contains(revoked.Message, "revoked (lost in a test)");
    }

    [TestMethod]
    public void AKeyNamedByHand_IsStillCheckedAgainstTheRevocationList()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (lostSeed, lostPublic) = NewKey();
        Manifest.Sign(dir.Path, lostSeed);
        Assert.AreEqual(Ed25519Keys.KeyId(lostPublic), Manifest.Verify(dir.Path, lostPublic).KeyId, "a key of one's own is trusted");
        var refused = Assert.ThrowsExactly<HashDataException>(() =>
            Manifest.Verify(dir.Path, TrustedKeys.Only(lostPublic, [new RevokedKey(Ed25519Keys.KeyId(lostPublic), "lost in a test")]), DateTimeOffset.UtcNow));
        StringAssert.Contains(refused.Message, "revoked");
        CollectionAssert.AreEquivalent(ReleaseKeys.Trusted.Revoked.ToList(), TrustedKeys.Only(lostPublic).Revoked.ToList(), "--public-key keeps the release revocation list");
    }

    [TestMethod]
    public void ThePreviousReleaseKey_IsRevoked_AndTheCurrentOneIsPinned()
    {
        Assert.IsTrue(ReleaseKeys.Trusted.Revoked.Any(r => r.KeyId == "eb828a0886afdb87"));
        Assert.IsTrue(ReleaseKeys.Trusted.Pinned.All(p => ReleaseKeys.Trusted.Revoked.All(r => r.KeyId != p.KeyId)), "no key is both pinned and revoked");
        Assert.IsTrue(ReleaseKeys.Current.NotAfter > DateTimeOffset.UtcNow.AddYears(1), "the release key has more than a year left");
    }

    [TestMethod]
    public void UnsignedData_IsRefused()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);

        var e = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, NewKey().Public));

        StringAssert.Contains(e.Message, "not signed");
    }

    [TestMethod]
    public void DataSignedByAnotherKey_IsRefused()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        Manifest.Sign(dir.Path, NewKey().Seed);

        var e = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, NewKey().Public));

        StringAssert.Contains(e.Message, "not a trusted key");
    }

    [TestMethod]
    public void OneAlteredByte_AnywhereInAnySourceFile_IsRefused()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (seed, pub) = NewKey();
        Manifest.Sign(dir.Path, seed);

        int checkedBytes = 0;
        foreach (var relative in SourceSet.SourceFiles(dir.Path))
        {
            var path = Path.Combine(dir.Path, relative);
            var original = File.ReadAllBytes(path);
            for (int i = 0; i < original.Length; i++)
            {
                var altered = (byte[])original.Clone();
                altered[i] ^= 0x01;
                File.WriteAllBytes(path, altered);
                var e = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, pub), $"{relative} byte {i}");
                StringAssert.Contains(e.Message, relative);
                checkedBytes++;
            }
            File.WriteAllBytes(path, original);
        }
        Assert.IsGreaterThan(500, checkedBytes);
        Manifest.Verify(dir.Path, pub);
    }

    [TestMethod]
    public void OneAlteredByte_AnywhereInTheManifestOrSignature_IsRefused()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (seed, pub) = NewKey();
        Manifest.Sign(dir.Path, seed);

        foreach (var name in new[] { Manifest.ManifestFile, Manifest.SignatureFile })
        {
            var path = Path.Combine(dir.Path, name);
            var original = File.ReadAllBytes(path);
            for (int i = 0; i < original.Length; i++)
            {
                foreach (byte flip in new byte[] { 0x01, 0x20 })
                {
                    var altered = (byte[])original.Clone();
                    altered[i] ^= flip;
                    File.WriteAllBytes(path, altered);
                    Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, pub), $"{name} byte {i} ^ {flip:x2}");
                }
            }
            File.WriteAllBytes(path, original);
        }
        Manifest.Verify(dir.Path, pub);
    }

    [TestMethod]
    public void AddedOrRemovedFiles_AreRefused()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (seed, pub) = NewKey();
        Manifest.Sign(dir.Path, seed);

        var extra = Path.Combine(dir.Path, SourceSet.KnownGoodFolder, "added.tsv");
        File.WriteAllText(extra, "vendor\tmodel\tversion\tartifact\tsha256\tsource\n");
        var added = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, pub));
        StringAssert.Contains(added.Message, "not in the signed manifest");
        File.Delete(extra);

        var removed = Path.Combine(dir.Path, SourceSet.KnownGoodFolder, "othervendor.tsv");
        var content = File.ReadAllBytes(removed);
        File.Delete(removed);
        var missing = Assert.ThrowsExactly<HashDataException>(() => Manifest.Verify(dir.Path, pub));
        StringAssert.Contains(missing.Message, "missing");
        File.WriteAllBytes(removed, content);
        Manifest.Verify(dir.Path, pub);
    }

    [TestMethod]
    public void Sign_RefusesRowsThatWouldNotCompile()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        File.AppendAllText(Path.Combine(dir.Path, SourceSet.KnownExploitedFile),
            "ExampleVendor\tER\trouter\tER-*\tbefore 2.0\tunknown\tCVE-2099-0002\t\tno\thttps://example.invalid/a\t\n");

        var e = Assert.ThrowsExactly<HashDataException>(() => Manifest.Sign(dir.Path, NewKey().Seed));

        StringAssert.Contains(e.Message, "known-exploited.tsv:3");
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, Manifest.ManifestFile)));
    }

    [TestMethod]
    public void PrivateKeyFile_IsOwnerOnly_AndRoundTrips()
    {
        using var dir = new TestPaths.TempDir();
        var (seed, pub) = NewKey();
        var path = dir.File("release.key");

        Ed25519Keys.WritePrivateKey(path, seed, overwrite: false);

        if (!OperatingSystem.IsWindows()) Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        CollectionAssert.AreEqual(seed, Ed25519Keys.ReadPrivateKey(path));
        CollectionAssert.AreEqual(pub, Ed25519Keys.PublicKeyOf(seed));
        Assert.ThrowsExactly<HashDataException>(() => Ed25519Keys.WritePrivateKey(path, seed, overwrite: false));
    }

    [TestMethod]
    public void Signatures_MatchBouncyCastleAndRfc8032()
    {
        // RFC 8032 section 7.1, TEST 1: empty message.
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var expectedPublic = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var expectedSignature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        CollectionAssert.AreEqual(expectedPublic, Ed25519Keys.PublicKeyOf(seed));
        CollectionAssert.AreEqual(expectedSignature, Ed25519Keys.Sign(seed, []));
        Assert.IsTrue(Ed25519Keys.Verify(expectedPublic, [], expectedSignature));
        Assert.IsFalse(Ed25519Keys.Verify(expectedPublic, [0], expectedSignature));
    }

    [TestMethod]
    public void RepositoryData_IsSignedByThePinnedReleaseKey()
    {
        var hashes = Path.Combine(TestPaths.RepositoryRoot(), "hashes");

        var verified = Manifest.Verify(hashes, ReleaseKeys.Trusted, DateTimeOffset.UtcNow);

        // The key id the maintainers publish beside flaxguard-release.key.pub.
        Assert.AreEqual("9feb061cd721c40e", verified.KeyId);
        Assert.AreEqual("9feb061cd721c40e", ReleaseKeys.Current.KeyId);
        var sources = SourceSet.Load(hashes);
        Assert.IsGreaterThan(50, sources.KnownExploited.Count);
        Assert.IsTrue(sources.KnownExploited.All(r => r.Source.StartsWith("http", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Sign_RefusesToRestartTheVersionOverADamagedManifest()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var (seed, _) = NewKey();
        Manifest.Sign(dir.Path, seed);
        File.WriteAllText(Path.Combine(dir.Path, Manifest.ManifestFile), "garbage\n");

        var e = Assert.ThrowsExactly<HashDataException>(() => Manifest.Sign(dir.Path, seed));

        StringAssert.Contains(e.Message, "delete it to restart");
    }
}
