using System.Diagnostics;

namespace FlaxGuard.Probes.Tests.OpenWrt.Flash;

/// <summary>
/// Real firmware parts built with Debian's u-boot-tools (mkimage: legacy uImage and FIT) and squashfs-tools
/// (mksquashfs), the tools OpenWrt's own build uses. Each build runs in a fresh temporary folder, bounded in time.
/// </summary>
internal static class FlashImages
{
    private static readonly Lazy<byte[]> Kernel = new(() => UImage(Payload(300_000, 1), "MIPS OpenWrt Linux-5.15.167"));
    private static readonly Lazy<byte[]> OtherKernel = new(() => UImage(Payload(300_000, 2), "MIPS OpenWrt Linux-5.15.167"));
    private static readonly Lazy<byte[]> Rootfs = new(() => Squashfs(new Dictionary<string, byte[]>
    {
        ["etc/openwrt_release"] = "DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='23.05.5'\nDISTRIB_REVISION='r24106-10cc5fcd00'\n"u8.ToArray(),
        ["bin/busybox"] = Payload(180_000, 3),
        ["lib/libc.so"] = Payload(90_000, 4),
        ["www/index.html"] = "<html><body>LuCI</body></html>\n"u8.ToArray(),
    }));

    /// <summary>A legacy uImage of a 300 KB kernel payload.</summary>
    public static byte[] StockKernel => Kernel.Value;

    /// <summary>A uImage with the same name and size but other kernel bytes.</summary>
    public static byte[] ReplacedKernel => OtherKernel.Value;

    /// <summary>A squashfs 4.0 filesystem as mksquashfs writes it with -nopad: exactly bytes_used long.</summary>
    public static byte[] StockRootfs => Rootfs.Value;

    /// <summary>mksquashfs's default padding: zeros up to the next 4 KiB.</summary>
    public static byte[] Pad4K(byte[] image)
    {
        var padded = new byte[(image.Length + 4095) / 4096 * 4096];
        image.CopyTo(padded, 0);
        return padded;
    }

    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] UImage(byte[] payload, string name) => Build("kernel.uImage", dir =>
    {
        File.WriteAllBytes(Path.Combine(dir, "vmlinux.bin"), payload);
        return ("mkimage", ["-A", "mips", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0x80060000", "-e", "0x80060000", "-n", name, "-d", "vmlinux.bin", "kernel.uImage"]);
    });

    /// <summary>A FIT image with the kernel embedded (mkimage -f auto).</summary>
    public static byte[] Fit(byte[] payload) => Build("kernel.itb", dir =>
    {
        File.WriteAllBytes(Path.Combine(dir, "vmlinux.bin"), payload);
        return ("mkimage", ["-f", "auto", "-A", "mips", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0x80060000", "-e", "0x80060000", "-n", "OpenWrt FIT", "-d", "vmlinux.bin", "kernel.itb"]);
    });

    public static byte[] Squashfs(IReadOnlyDictionary<string, byte[]> files) => Build("root.squashfs", dir =>
    {
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(dir, "root", path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
        return ("mksquashfs", ["root", "root.squashfs", "-nopad", "-noappend", "-all-root", "-comp", "gzip", "-b", "262144", "-quiet", "-no-progress"]);
    });

    private static byte[] Build(string output, Func<string, (string Program, string[] Args)> prepare)
    {
        var dir = Directory.CreateTempSubdirectory("flaxguard-flash-").FullName;
        try
        {
            var (program, args) = prepare(dir);
            var info = new ProcessStartInfo(program) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["SOURCE_DATE_EPOCH"] = "1727094886";
            using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(true);
                throw new TimeoutException(program + " took longer than 60 s");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
            return File.ReadAllBytes(Path.Combine(dir, output));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
