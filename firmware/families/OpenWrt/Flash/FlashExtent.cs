namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// How many leading bytes of a flash partition are the kernel image or the squashfs filesystem, read from the
    /// first <see cref="HeaderBytes"/> bytes. Everything after that extent (erase-block padding, OpenWrt's JFFS2
    /// overlay "rootfs_data" behind the squashfs) is not firmware and is never hashed. Every field comes from the
    /// device and is checked against the partition size from /proc/mtd.
    /// </summary>
    public static class FlashExtent
    {
        /// <summary>Bytes read before the extent is known: the largest header parsed (squashfs superblock, 96 bytes).</summary>
        public const int HeaderBytes = 96;

        public const string UImage = "uimage";
        public const string Fit = "fit";
        public const string Squashfs = "squashfs";

        // U-Boot include/image.h, struct legacy_img_hdr: 64-byte header, all fields big-endian:
        // ih_magic (0x27051956) @0, ih_hcrc @4, ih_time @8, ih_size (data bytes after the header) @12, ih_load @16,
        // ih_ep @20, ih_dcrc @24, ih_os/ih_arch/ih_type/ih_comp @28..31, ih_name[32] @32.
        public const uint UImageMagic = 0x27051956;
        public const int UImageHeaderBytes = 64;

        // Devicetree specification 0.4, 5.2 "Header" (libfdt fdt.h): magic 0xd00dfeed @0 and totalsize @4, big-endian.
        // A FIT image is such a blob; with data embedded (OpenWrt's default) totalsize covers the kernel too. A FIT
        // built with external data (mkimage -E) keeps the payload after totalsize: that payload is not covered.
        public const uint FdtMagic = 0xd00dfeed;
        public const int FdtHeaderBytes = 40;

        // Linux fs/squashfs/squashfs_fs.h, struct squashfs_super_block (96 bytes, little-endian): s_magic "hsqs"
        // (0x73717368) @0, inodes @4, mkfs_time @8, block_size @12, fragments @16, compression @20, block_log @22,
        // flags @24, no_ids @26, s_major @28, s_minor @30, root_inode @32, bytes_used @40 (u64). bytes_used is the
        // filesystem's own length; OpenWrt pads the image behind it (to 4 KiB / the erase block) before rootfs_data.
        public const uint SquashfsMagic = 0x73717368;
        public const int SquashfsMajor = 4;

        /// <summary>
        /// The kernel extent of a partition whose first bytes are <paramref name="header"/>: uImage (64 + ih_size) or
        /// FIT (totalsize). -1 and <paramref name="problem"/> when the header is neither or lies about its size.
        /// </summary>
        public static long Kernel(byte[] header, int count, long partitionSize, out string format, out string problem)
        {
            format = null;
            problem = null;
            if (count < FdtHeaderBytes) { problem = "the kernel partition is shorter than an image header"; return -1; }
            uint magic = BigEndian32(header, 0);
            long length;
            if (magic == UImageMagic)
            {
                format = UImage;
                length = UImageHeaderBytes + (long)BigEndian32(header, 12);
            }
            else if (magic == FdtMagic)
            {
                format = Fit;
                length = BigEndian32(header, 4);
                if (length < FdtHeaderBytes) { problem = "the kernel's FIT header gives a total size smaller than the header itself"; return -1; }
            }
            else
            {
                problem = "the kernel partition starts with neither a uImage nor a FIT header (first bytes 0x" + Hex8(magic) + ")";
                return -1;
            }
            return Checked(length, partitionSize, "kernel image", out problem);
        }

        /// <summary>The squashfs extent (bytes_used) of a rootfs partition; -1 and <paramref name="problem"/> when not squashfs 4.0 or lying.</summary>
        public static long Rootfs(byte[] header, int count, long partitionSize, out string problem)
        {
            problem = null;
            if (count < HeaderBytes) { problem = "the rootfs partition is shorter than a squashfs superblock"; return -1; }
            uint magic = LittleEndian32(header, 0);
            if (magic != SquashfsMagic) { problem = "the rootfs partition does not start with a squashfs superblock (first bytes 0x" + Hex8(BigEndian32(header, 0)) + ")"; return -1; }
            int major = header[28] | (header[29] << 8);
            if (major != SquashfsMajor) { problem = "the rootfs is squashfs version " + major.ToString() + ", not 4"; return -1; }
            uint blockSize = LittleEndian32(header, 12);
            if (blockSize < 4096 || blockSize > 1048576 || (blockSize & (blockSize - 1)) != 0) { problem = "the squashfs superblock gives an impossible block size"; return -1; }
            long high = LittleEndian32(header, 44);
            if (high != 0) return Checked(long.MaxValue, partitionSize, "squashfs filesystem", out problem);
            return Checked(LittleEndian32(header, 40), partitionSize, "squashfs filesystem", out problem);
        }

        private static long Checked(long length, long partitionSize, string what, out string problem)
        {
            problem = null;
            if (length < HeaderBytes) { problem = "the " + what + " header declares only " + length.ToString() + " bytes"; return -1; }
            if (length > partitionSize)
            {
                problem = "the " + what + " header declares more bytes than its partition holds (" + partitionSize.ToString() + ")";
                return -1;
            }
            return length;
        }

        public static uint BigEndian32(byte[] b, int offset)
        {
            return ((uint)b[offset] << 24) | ((uint)b[offset + 1] << 16) | ((uint)b[offset + 2] << 8) | b[offset + 3];
        }

        public static uint LittleEndian32(byte[] b, int offset)
        {
            return b[offset] | ((uint)b[offset + 1] << 8) | ((uint)b[offset + 2] << 16) | ((uint)b[offset + 3] << 24);
        }

        private static string Hex8(uint value)
        {
            byte[] bytes = new byte[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
            return Text.Hex.Encode(bytes);
        }
    }
}
