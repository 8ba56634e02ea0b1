using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Hashes.Importers;

namespace FlaxGuard.Hashes.Tests.Importers;

/// <summary>
/// Kernel and rootfs carving of OpenWrt images. TEST DATA: synthetic images laid out like an ath79 sysupgrade.bin
/// (uImage kernel, 0xff padding to the next 64 KiB, squashfs, trailing metadata); the contents are random bytes.
/// </summary>
[TestClass]
public sealed class OpenWrtImagePartsTests
{
    private static (byte[] Image, int KernelLength, int RootfsOffset, int RootfsLength) Sysupgrade(int kernelData = 5000, int rootfs = 12_288)
    {
        var kernel = new byte[64 + kernelData];
        BinaryPrimitives.WriteUInt32BigEndian(kernel, 0x27051956);
        BinaryPrimitives.WriteUInt32BigEndian(kernel.AsSpan(12), (uint)kernelData);
        Encoding.ASCII.GetBytes("MIPS OpenWrt Linux-5.15.167").CopyTo(kernel, 32);
        RandomNumberGenerator.Fill(kernel.AsSpan(64));
        var squash = new byte[rootfs];
        RandomNumberGenerator.Fill(squash);
        "hsqs"u8.CopyTo(squash);
        BinaryPrimitives.WriteUInt64LittleEndian(squash.AsSpan(40), (ulong)rootfs);
        var rootfsOffset = 65_536;
        var image = new byte[rootfsOffset + rootfs + 4096];
        image.AsSpan().Fill(0xff);
        kernel.CopyTo(image, 0);
        squash.CopyTo(image, rootfsOffset);
        Encoding.ASCII.GetBytes("{\"metadata_version\":\"1.1\"} fwtool trailer").CopyTo(image, rootfsOffset + rootfs + 16);
        return (image, kernel.Length, rootfsOffset, rootfs);
    }

    [TestMethod]
    public void UImageAndSquashfs_AreHashedOverTheirDeclaredLengths()
    {
        var (image, kernelLength, rootfsOffset, rootfsLength) = Sysupgrade();

        var parts = OpenWrtImageParts.Carve(new MemoryStream(image));

        Assert.HasCount(2, parts);
        Assert.AreEqual(("kernel", "uImage", 0L, (long)kernelLength), (parts[0].Part, parts[0].Format, parts[0].Offset, parts[0].Length));
        Assert.AreEqual("MIPS OpenWrt Linux-5.15.167", parts[0].Detail);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(image.AsSpan(0, kernelLength))), parts[0].Sha256);
        Assert.AreEqual(("rootfs", "squashfs", (long)rootfsOffset, (long)rootfsLength), (parts[1].Part, parts[1].Format, parts[1].Offset, parts[1].Length));
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(image.AsSpan(rootfsOffset, rootfsLength))), parts[1].Sha256, "padding and the trailer are not part of it");
    }

    [TestMethod]
    public void HeadersThatClaimMoreThanTheFileHolds_GiveNoParts()
    {
        var (image, _, rootfsOffset, _) = Sysupgrade();
        var lyingKernel = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(lyingKernel.AsSpan(12), 50_000_000);
        var lyingRootfs = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(lyingRootfs.AsSpan(rootfsOffset + 40), 1UL << 40);

        Assert.IsEmpty(OpenWrtImageParts.Carve(new MemoryStream(lyingKernel)));
        Assert.HasCount(1, OpenWrtImageParts.Carve(new MemoryStream(lyingRootfs)), "the kernel alone");
        Assert.IsEmpty(OpenWrtImageParts.Carve(new MemoryStream(Encoding.ASCII.GetBytes("x86 disk image or anything else"))));
    }
}
