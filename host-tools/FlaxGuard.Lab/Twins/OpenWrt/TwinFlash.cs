using System.Buffers.Binary;
using System.Text;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>One MTD partition of the twin's flash: a name and a window (offset, size) over the flash bytes.</summary>
public sealed record TwinMtdPartition(string Name, int Offset, int Size, int EraseSize);

/// <summary>
/// The raw flash of the twin, as a NOR OpenWrt device lays it out: u-boot, then "firmware" split by mtdsplit into
/// "kernel" (the uImage/FIT, padded to the erase block) and "rootfs" (the squashfs, padded to the erase block,
/// followed by the JFFS2 overlay "rootfs_data", which rootfs also covers), then "art". /proc/mtd is rendered the way
/// drivers/mtd/mtdcore.c prints it. A device without raw flash (x86, eMMC) has no /proc/mtd (<see cref="None"/>) or
/// an empty one (<see cref="Empty"/>); a NAND device keeps its root filesystem in UBI (<see cref="Ubi"/>).
/// </summary>
public sealed class TwinFlash
{
    public const string ProcMtdPath = "/proc/mtd";
    public const int EraseBlock = 0x10000;

    private TwinFlash(byte[] bytes, IReadOnlyList<TwinMtdPartition> partitions, bool hasProcMtd)
    {
        Bytes = bytes;
        Partitions = partitions;
        HasProcMtd = hasProcMtd;
    }

    /// <summary>The whole flash; tests change bytes in place (a changed rootfs byte, a write to the overlay).</summary>
    public byte[] Bytes { get; }

    public IReadOnlyList<TwinMtdPartition> Partitions { get; }

    public bool HasProcMtd { get; }

    public TwinMtdPartition? Find(string name) => Partitions.FirstOrDefault(p => p.Name == name);

    /// <summary>The partition behind /dev/mtdblockN, or null.</summary>
    public TwinMtdPartition? ByBlockDevice(string path)
    {
        const string prefix = "/dev/mtdblock";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(path.AsSpan(prefix.Length), out var index)) return null;
        if (index.ToString() != path[prefix.Length..]) return null;
        return index >= 0 && index < Partitions.Count ? Partitions[index] : null;
    }

    /// <summary>The text of /proc/mtd ("mtd%d: %8.8llx %8.8x \"%s\"" per partition), or null when the file does not exist.</summary>
    public string? ProcMtd()
    {
        if (!HasProcMtd) return null;
        var text = new StringBuilder("dev:    size   erasesize  name\n");
        for (var i = 0; i < Partitions.Count; i++)
            text.Append($"mtd{i}: {Partitions[i].Size:x8} {Partitions[i].EraseSize:x8} \"{Partitions[i].Name}\"\n");
        return text.ToString();
    }

    /// <summary>The offset in the flash where rootfs_data (the overlay) starts.</summary>
    public int OverlayOffset => Find("rootfs_data")?.Offset ?? throw new InvalidOperationException("this flash has no overlay");

    /// <summary>A NOR layout holding <paramref name="kernel"/> and <paramref name="rootfs"/> (image files as built), with an overlay of <paramref name="overlayBytes"/>.</summary>
    public static TwinFlash Nor(byte[] kernel, byte[] rootfs, int overlayBytes = 4 * EraseBlock)
    {
        var kernelSize = RoundUp(kernel.Length);
        var squashSize = RoundUp(rootfs.Length);
        var overlaySize = RoundUp(overlayBytes);
        const int uboot = 0x30000, art = EraseBlock;
        var firmware = kernelSize + squashSize + overlaySize;
        var flash = new byte[uboot + firmware + art];
        Array.Fill(flash, (byte)0xFF);
        Encoding.ASCII.GetBytes("U-Boot 2014.04 (twin)").CopyTo(flash, 0);
        kernel.CopyTo(flash, uboot);
        rootfs.CopyTo(flash, uboot + kernelSize);
        // An empty JFFS2 overlay starts with OpenWrt's "deadc0de" end-of-filesystem marker (mtd's jffs2 writer).
        BinaryPrimitives.WriteUInt32BigEndian(flash.AsSpan(uboot + kernelSize + squashSize), 0xdeadc0de);
        return new TwinFlash(flash,
        [
            new("u-boot", 0, uboot, EraseBlock),
            new("firmware", uboot, firmware, EraseBlock),
            new("kernel", uboot, kernelSize, EraseBlock),
            new("rootfs", uboot + kernelSize, squashSize + overlaySize, EraseBlock),
            new("rootfs_data", uboot + kernelSize + squashSize, overlaySize, EraseBlock),
            new("art", uboot + firmware, art, EraseBlock),
        ], true);
    }

    /// <summary>The factory flash: a small uImage kernel and squashfs 4.0 filesystem made here, byte for byte in the formats' layouts.</summary>
    public static TwinFlash Factory() => Nor(FactoryKernel(), FactoryRootfs());

    /// <summary>No /proc/mtd at all (a kernel without MTD: x86, most eMMC boards).</summary>
    public static TwinFlash None() => new([], [], false);

    /// <summary>/proc/mtd with its header line only.</summary>
    public static TwinFlash Empty() => new([], [], true);

    /// <summary>A NAND device: the kernel and root filesystem are UBI volumes inside the "ubi" partition.</summary>
    public static TwinFlash Ubi()
    {
        var flash = new byte[4 * EraseBlock];
        Array.Fill(flash, (byte)0xFF);
        return new TwinFlash(flash, [new("bl2", 0, EraseBlock, EraseBlock), new("fip", EraseBlock, EraseBlock, EraseBlock), new("ubi", 2 * EraseBlock, 2 * EraseBlock, EraseBlock)], true);
    }

    private static int RoundUp(int length) => (length + EraseBlock - 1) / EraseBlock * EraseBlock;

    // U-Boot legacy_img_hdr (include/image.h): magic, header CRC, time, size, load, entry, data CRC, os, arch, type, comp, name.
    private static byte[] FactoryKernel()
    {
        var data = Pattern(20_000, 17);
        var image = new byte[64 + data.Length];
        var h = image.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(h, 0x27051956);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], 1_727_094_886);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], 0x80000000);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], 0x80000000);
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], Crc32(data));
        h[28] = 5; h[29] = 5; h[30] = 2; h[31] = 0; // Linux, MIPS, kernel, uncompressed
        Encoding.ASCII.GetBytes("MIPS OpenWrt Linux-5.15.167").CopyTo(h[32..]);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], Crc32(h[..64]));
        data.CopyTo(image, 64);
        return image;
    }

    // squashfs_super_block (fs/squashfs/squashfs_fs.h), little-endian; bytes_used @40. The body is filler: the twin's
    // own filesystem is never mounted, only measured. Padded with zeros to 4 KiB as mksquashfs does.
    private static byte[] FactoryRootfs()
    {
        const int used = 40_000;
        var image = new byte[(used + 4095) / 4096 * 4096];
        Pattern(used, 29).CopyTo(image, 0);
        var s = image.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0x73717368);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 1_200);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], 1_727_094_886);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], 262_144);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 4); // xz
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 18);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], 4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(s[40..], used);
        return image;
    }

    // CRC-32 (IEEE 802.3, reflected 0xEDB88320), the checksum U-Boot's legacy header uses for ih_hcrc and ih_dcrc.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
