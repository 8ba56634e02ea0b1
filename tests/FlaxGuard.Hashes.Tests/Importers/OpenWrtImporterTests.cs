using FlaxGuard.Hashes.Importers;

namespace FlaxGuard.Hashes.Tests.Importers;

[TestClass]
public sealed class OpenWrtImporterTests
{
    private const string Source = "https://downloads.example.invalid/snapshots/targets/x86/64/sha256sums";

    // TEST DATA: lines of an old x86-64 snapshot's sha256sums as quoted in lxc/distrobuilder's
    // sources/utils_test.go (see shared/reference/threat-and-data-sources.md 5a). Not a live allowlist.
    private const string X86Snapshot =
        "8b194c619b65d675da15d190fe7c7d2ce6125debc98452e30890c16212aa7b1c *openwrt-imagebuilder-x86-64.Linux-x86_64.tar.xz\n" +
        "84be5c09beb3791c574a35b9e73dcb7b7637482f83ed61fbe07cd0af68987cf8 *openwrt-x86-64-generic-ext4-combined-efi.img.gz\n" +
        "643ff73b119f3ecb36497a0c71213f9dd0129b64e803fa87d7e75b39c730e7fa *openwrt-x86-64-generic-kernel.bin\n" +
        "1a19c82c0614ad043fa0b854249bf6cc804550359ec453816ffbd426c31ab4a2 *openwrt-x86-64-generic-squashfs-combined.img.gz\n" +
        "76cc26429a61a516d348735a8d62bf3885d9d37489f20789a77c879dcf8a1025 *openwrt-x86-64-rootfs.tar.gz\n";

    [TestMethod]
    public void Sha256Sums_KeepsDeviceImagesAndSkipsBuildTools()
    {
        var result = OpenWrtSha256Sums.Parse(X86Snapshot, "SNAPSHOT", "x86/64", Source);

        Assert.HasCount(3, result.Rows);
        Assert.AreEqual(2, result.Skipped, "image builder and rootfs tarball are not device images");
        var kernel = result.Rows.Single(r => r.Artifact == "openwrt-x86-64-generic-kernel.bin");
        Assert.AreEqual("OpenWrt", kernel.Vendor);
        Assert.AreEqual("generic", kernel.Model);
        Assert.AreEqual("SNAPSHOT", kernel.Version);
        Assert.AreEqual("643ff73b119f3ecb36497a0c71213f9dd0129b64e803fa87d7e75b39c730e7fa", kernel.Sha256);
        Assert.AreEqual(Source, kernel.Source);
    }

    [TestMethod]
    public void Sha256Sums_ReadsVersionedReleaseNamesWithDashedProfiles()
    {
        // TEST DATA (made up for this test): release-style file names; the hashes are arbitrary.
        var text =
            new string('a', 64) + " *openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin\n" +
            new string('B', 64) + " *openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-factory.bin\r\n" +
            new string('c', 64) + "  openwrt-23.05.3-ath79-generic-glinet_gl-ar300m16-initramfs-kernel.bin\n" +
            new string('d', 64) + " *openwrt-sdk-23.05.3-ath79-generic_gcc-12.3.0_musl.Linux-x86_64.tar.xz\n";

        var result = OpenWrtSha256Sums.Parse(text, "23.05.3", "ath79/generic", Source);

        CollectionAssert.AreEquivalent(
            new[] { "tplink_archer-c7-v2", "tplink_archer-c7-v2", "glinet_gl-ar300m16" },
            result.Rows.Select(r => r.Model).ToArray());
        Assert.IsTrue(result.Rows.All(r => r.Sha256 == r.Sha256.ToLowerInvariant()), "hashes are stored in lower case");
        Assert.AreEqual(1, result.Skipped);
    }

    [TestMethod]
    public void Sha256Sums_RefusesMalformedLinesWithTheLineNumber()
    {
        var text = new string('a', 64) + " *openwrt-x86-64-generic-kernel.bin\nnot a checksum line\n";

        var e = Assert.ThrowsExactly<HashDataException>(() => OpenWrtSha256Sums.Parse(text, "1", "x86/64", Source));

        StringAssert.Contains(e.Message, "sha256sums:2");
    }

    [TestMethod]
    public void Sha256Sums_RefusesShortHashes()
    {
        var text = new string('a', 63) + " *openwrt-x86-64-generic-kernel.bin\n";

        Assert.ThrowsExactly<HashDataException>(() => OpenWrtSha256Sums.Parse(text, "1", "x86/64", Source));
    }

    // TEST DATA (made up for this test, fields as written by openwrt/scripts/json_add_image_info.py).
    private const string Profiles = """
        {
          "metadata_version": 1,
          "target": "ath79/generic",
          "version_code": "r23809-234f1a2efa",
          "version_number": "23.05.3",
          "source_date_epoch": 1710000000,
          "profiles": {
            "tplink_archer-c7-v2": {
              "image_prefix": "openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2",
              "images": [
                { "type": "sysupgrade", "name": "openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin",
                  "sha256": "1111111111111111111111111111111111111111111111111111111111111111",
                  "sha256_unsigned": "2222222222222222222222222222222222222222222222222222222222222222", "filesystem": "squashfs" },
                { "type": "factory", "name": "openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-factory.bin",
                  "sha256": "3333333333333333333333333333333333333333333333333333333333333333", "filesystem": "squashfs" }
              ],
              "device_packages": [],
              "supported_devices": [ "tplink,archer-c7-v2", "tplink,archer-c7-v2-alt" ],
              "titles": [ { "vendor": "TP-Link", "model": "Archer C7", "variant": "v2" } ]
            },
            "generic-noboard": {
              "images": [ { "type": "kernel", "name": "k.bin", "sha256": "4444444444444444444444444444444444444444444444444444444444444444" } ]
            }
          }
        }
        """;

    [TestMethod]
    public void Profiles_OneRowPerImageHashAndSupportedBoard()
    {
        var rows = OpenWrtProfiles.Parse(Profiles, "https://downloads.example.invalid/profiles.json");

        // 3 hashes x 2 boards for the Archer C7, 1 for the profile without supported_devices.
        Assert.HasCount(7, rows);
        Assert.IsTrue(rows.All(r => r.Vendor == "OpenWrt" && r.Version == "23.05.3"));
        CollectionAssert.AreEquivalent(
            new[] { "tplink,archer-c7-v2", "tplink,archer-c7-v2-alt", "generic-noboard" },
            rows.Select(r => r.Model).Distinct().ToArray());
        var unsigned = rows.Where(r => r.Sha256 == new string('2', 64)).ToList();
        Assert.HasCount(2, unsigned);
        Assert.IsTrue(unsigned.All(r => r.Artifact.EndsWith(" (unsigned)", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Profiles_RefusesBrokenJsonAndBadHashes()
    {
        Assert.ThrowsExactly<HashDataException>(() => OpenWrtProfiles.Parse("{", "https://x.invalid/p.json"));
        Assert.ThrowsExactly<HashDataException>(() => OpenWrtProfiles.Parse("""{"profiles":{}}""", "https://x.invalid/p.json"));
        var badHash = Profiles.Replace(new string('1', 64), "1234", StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<HashDataException>(() => OpenWrtProfiles.Parse(badHash, "https://x.invalid/p.json"));
        StringAssert.Contains(e.Message, "tplink_archer-c7-v2");
    }

    [TestMethod]
    public void Profiles_RequireAnHttpSource()
    {
        Assert.ThrowsExactly<HashDataException>(() => OpenWrtProfiles.Parse(Profiles, "profiles.json"));
    }
}
