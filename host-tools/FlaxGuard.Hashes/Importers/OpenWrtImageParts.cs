using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Hashes.Importers;

/// <summary>One measured part of an image: what it is, where it lies in the file, and the SHA-256 of exactly those bytes.</summary>
public sealed record ImagePart(string Part, string Format, long Offset, long Length, string Sha256, string Detail);

/// <summary>
/// Carves the kernel and the root file system out of an official OpenWrt image, over exactly the lengths their own
/// headers declare, so the hashes can be compared with what is read back from a device's flash partitions (where
/// padding and the writable overlay follow them). Kernel: a legacy uImage (64-byte header, big-endian data size at 12)
/// or a FIT/device tree blob (total size at 4). Root file system: the first squashfs superblock ("hsqs") after the
/// kernel on a 256-byte boundary, bytes_used at 40 (little-endian). Images laid out otherwise (x86 disk images,
/// UBI, vendor wrappers) give no parts, never a guess.
/// </summary>
public static class OpenWrtImageParts
{
    private const uint UImageMagic = 0x27051956;
    private const uint FitMagic = 0xd00dfeed;
    private const int UImageHeaderBytes = 64;
    private const int SquashfsAlignment = 256;

    public static IReadOnlyList<ImagePart> Carve(Stream image)
    {
        var parts = new List<ImagePart>();
        long length = image.Length;
        var head = new byte[UImageHeaderBytes];
        if (!ReadAt(image, 0, head)) return parts;
        long kernelEnd = 0;
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (magic == UImageMagic)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(12));
            if (UImageHeaderBytes + size <= length)
            {
                var name = Encoding.ASCII.GetString(head, 32, 32).TrimEnd('\0');
                kernelEnd = UImageHeaderBytes + size;
                parts.Add(new ImagePart("kernel", "uImage", 0, kernelEnd, HashRange(image, 0, kernelEnd), Printable(name)));
            }
        }
        else if (magic == FitMagic)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4));
            if (size >= 40 && size <= length)
            {
                kernelEnd = size;
                parts.Add(new ImagePart("kernel", "fit", 0, size, HashRange(image, 0, size), ""));
            }
        }
        if (kernelEnd == 0) return parts;
        var super = new byte[48];
        for (long at = (kernelEnd + SquashfsAlignment - 1) / SquashfsAlignment * SquashfsAlignment; at + super.Length <= length; at += SquashfsAlignment)
        {
            if (!ReadAt(image, at, super)) break;
            if (super[0] != 'h' || super[1] != 's' || super[2] != 'q' || super[3] != 's') continue;
            long used = (long)BinaryPrimitives.ReadUInt64LittleEndian(super.AsSpan(40));
            if (used < super.Length || at + used > length) break;
            parts.Add(new ImagePart("rootfs", "squashfs", at, used, HashRange(image, at, used), ""));
            break;
        }
        return parts;
    }

    private static bool ReadAt(Stream s, long offset, byte[] buffer)
    {
        s.Position = offset;
        int done = 0;
        while (done < buffer.Length)
        {
            int n = s.Read(buffer, done, buffer.Length - done);
            if (n == 0) return false;
            done += n;
        }
        return true;
    }

    private static string HashRange(Stream s, long offset, long count)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        s.Position = offset;
        while (count > 0)
        {
            int n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new EndOfStreamException();
            sha.AppendData(buffer, 0, n);
            count -= n;
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Printable(string text) => new(text.Where(c => c >= ' ' && c < 127).Take(32).ToArray());
}
