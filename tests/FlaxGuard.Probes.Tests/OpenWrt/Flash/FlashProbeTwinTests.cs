using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;
using FlaxGuard.Wording;
using static FlaxGuard.Probes.Tests.OpenWrt.Flash.FlashLab;

namespace FlaxGuard.Probes.Tests.OpenWrt.Flash;

/// <summary>
/// The flash probe against the OpenWrt twin's cgi-io, over partitions built with the real mkimage and mksquashfs:
/// exactly the kernel image and the squashfs bytes are hashed, one changed rootfs byte or another kernel is critical
/// drift, writes to the overlay are no firmware change, and devices without raw flash say "could not measure".
/// </summary>
[TestClass]
public sealed class FlashProbeTwinTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<OpenWrtTwin> StockTwinAsync()
    {
        var twin = await OpenWrtLab.StartTwinAsync();
        twin.SetFlash(TwinFlash.Nor(FlashImages.StockKernel, FlashImages.Pad4K(FlashImages.StockRootfs)));
        return twin;
    }

    private static DriftReport Drift(FactSet before, FactSet after) => DriftReport.Compute(before, after, DeviceFamilies.CreateDriftRules());

    private static string Describe(DriftReport report) => string.Join("\n", report.ToVerdicts().Select(v => v.ToString()));

    [TestMethod]
    public async Task RealImages_AreMeasuredOverExactlyTheKernelAndSquashfsBytes()
    {
        await using var twin = await StockTwinAsync();
        var (output, elapsed) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var kernel = FlashImages.StockKernel;
        var rootfs = FlashImages.StockRootfs;
        Assert.AreEqual(Sha(kernel), Fact(output, FlashFacts.KernelSha256), "SHA-256 of mkimage's output file, nothing of the erase-block padding");
        Assert.AreEqual("uimage", Fact(output, FlashFacts.KernelFormat));
        Assert.AreEqual(kernel.Length.ToString(), Fact(output, FlashFacts.KernelBytes));
        Assert.AreEqual(Sha(rootfs), Fact(output, FlashFacts.RootfsSha256), "SHA-256 of mksquashfs -nopad's output: bytes_used, no padding, no overlay");
        Assert.AreEqual(rootfs.Length.ToString(), Fact(output, FlashFacts.RootfsBytes));
        var kernelPart = (kernel.Length + 0xFFFF) / 0x10000 * 0x10000;
        var squashPart = (rootfs.Length + 0xFFFF) / 0x10000 * 0x10000;
        Assert.AreEqual($"u-boot:0x30000 firmware:0x{kernelPart + squashPart + 0x40000:x} kernel:0x{kernelPart:x} rootfs:0x{squashPart + 0x40000:x} rootfs_data:0x40000 art:0x10000",
            Fact(output, FlashFacts.Layout));
        Assert.IsNull(Fact(output, FlashFacts.Measurement));
        Assert.AreEqual(2, twin.Downloads);
        Assert.IsLessThan(10_000L, elapsed);
    }

    [TestMethod]
    public async Task FitKernel_IsMeasuredOverItsTotalSize()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var fit = FlashImages.Fit(FlashImages.Payload(200_000, 7));
        Assert.AreEqual(0xd00dfeedu, BinaryPrimitives.ReadUInt32BigEndian(fit), "mkimage -f auto writes a flattened device tree");
        twin.SetFlash(TwinFlash.Nor(fit, FlashImages.Pad4K(FlashImages.StockRootfs)));
        var (output, _) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual("fit", Fact(output, FlashFacts.KernelFormat));
        Assert.AreEqual(Sha(fit), Fact(output, FlashFacts.KernelSha256));
    }

    [TestMethod]
    public async Task OneChangedRootfsByte_IsCriticalDrift()
    {
        await using var twin = await StockTwinAsync();
        var baseline = Run(twin).Output.Facts;
        var rootfs = twin.CurrentFlash.Find("rootfs")!;
        var offset = rootfs.Offset + FlashImages.StockRootfs.Length - 1;
        twin.WriteFlash(offset, [(byte)(twin.CurrentFlash.Bytes[offset] ^ 0x01)]);
        var (output, _) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var report = Drift(baseline, output.Facts);
        Assert.AreEqual(1, report.Count, Describe(report));
        Assert.AreEqual(FlashFacts.RootfsSha256, report[0].Key);
        Assert.AreEqual(DriftKind.Changed, report[0].Kind);
        Assert.AreEqual(Severity.Critical, report[0].Severity);
        Assert.AreEqual("firmware.rootfs.changed", report[0].Code);
        Assert.IsTrue(DriftSentences.Has(report[0].Code));
    }

    [TestMethod]
    public async Task AnotherKernel_IsCriticalDrift()
    {
        await using var twin = await StockTwinAsync();
        var baseline = Run(twin).Output.Facts;
        Assert.HasCount(FlashImages.StockKernel.Length, FlashImages.ReplacedKernel, "same size, so only the hash can tell");
        twin.SetFlash(TwinFlash.Nor(FlashImages.ReplacedKernel, FlashImages.Pad4K(FlashImages.StockRootfs)));
        var (output, _) = Run(twin);
        var report = Drift(baseline, output.Facts);
        Assert.AreEqual(1, report.Count, Describe(report));
        Assert.AreEqual(FlashFacts.KernelSha256, report[0].Key);
        Assert.AreEqual(Severity.Critical, report.Highest);
        Assert.AreEqual("firmware.kernel.changed", report[0].Code);
        Assert.IsTrue(DriftSentences.Has(report[0].Code));
    }

    [TestMethod]
    public async Task OverlayWrites_AndSquashfsPadding_AreNoFirmwareChange()
    {
        await using var twin = await StockTwinAsync();
        var baseline = Run(twin).Output.Facts;
        var flash = twin.CurrentFlash;
        // A saved setting: JFFS2 nodes written where the empty overlay was, plus bytes in mksquashfs's zero padding.
        twin.WriteFlash(flash.OverlayOffset, FlashImages.Payload(70_000, 11));
        twin.WriteFlash(flash.Find("rootfs")!.Offset + FlashImages.StockRootfs.Length, [0x42]);
        var (output, _) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var report = Drift(baseline, output.Facts);
        Assert.AreEqual(0, report.Count, Describe(report));
    }

    [TestMethod]
    [DataRow("none", "no /proc/mtd")]
    [DataRow("empty", "lists no partitions")]
    [DataRow("ubi", "UBI volumes")]
    public async Task DeviceWithoutRawFlash_SaysCouldNotMeasure(string kind, string reason)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.SetFlash(kind switch { "none" => TwinFlash.None(), "empty" => TwinFlash.Empty(), _ => TwinFlash.Ubi() });
        var (output, _) = Run(twin);
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        Assert.Contains("could not measure the firmware in flash", verdict.Message);
        Assert.Contains(reason, verdict.Message);
        StringAssert.StartsWith(Fact(output, FlashFacts.Measurement), "could not measure: ");
        Assert.IsNull(Fact(output, FlashFacts.KernelSha256));
        Assert.IsNull(Fact(output, FlashFacts.RootfsSha256));
        Assert.AreEqual(0, twin.Downloads);
    }

    [TestMethod]
    public async Task RootfsDownload_StopsAtTheSquashfsEnd_TheOverlayIsNotRead()
    {
        await using var twin = await StockTwinAsync();
        const int overlay = 64 * TwinFlash.EraseBlock;
        twin.SetFlash(TwinFlash.Nor(FlashImages.StockKernel, FlashImages.StockRootfs, overlay));
        using var http = new HttpClientTransport();
        var counting = new BodyCountingTransport(http);
        var (output, _) = Run(twin, counting);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(Sha(FlashImages.StockRootfs), Fact(output, FlashFacts.RootfsSha256));
        var squashPart = (FlashImages.StockRootfs.Length + 0xFFFF) / 0x10000 * 0x10000;
        var received = counting.BodyBytes[^1];
        Assert.IsGreaterThanOrEqualTo((long)FlashImages.StockRootfs.Length, received);
        // The transport reads in chunks, so a little more than bytes_used arrives; none of the 4 MiB overlay does.
        Assert.IsLessThan((long)squashPart + 128 * 1024, received, $"received {received} of {squashPart + overlay} bytes");
    }

    /// <summary>Records the body bytes of every response.</summary>
    private sealed class BodyCountingTransport(IHttpTransport inner) : IHttpTransport
    {
        public List<long> BodyBytes { get; } = [];

        public HttpResponse Send(HttpRequest request, FlaxGuard.Engine.Text.IByteSink sink)
        {
            var response = inner.Send(request, sink);
            BodyBytes.Add(response.BodyBytes);
            return response;
        }
    }

    [TestMethod]
    public async Task OversizedDownload_IsNotReadPastTheExtent()
    {
        // The measurement stops once the kernel and the squashfs are hashed, so bytes a device streams beyond the
        // partition (no length declared) are never read: the hashes are those of the real extents.
        await using var twin = await StockTwinAsync();
        var (clean, _) = Run(twin);
        twin.DownloadHostility = CgiIoHostility.Oversized;
        var (output, elapsed) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(Fact(clean, FlashFacts.KernelSha256), Fact(output, FlashFacts.KernelSha256));
        Assert.AreEqual(Fact(clean, FlashFacts.RootfsSha256), Fact(output, FlashFacts.RootfsSha256));
        Assert.IsLessThan(15_000L, elapsed);
    }

    [TestMethod]
    public async Task AccountWithoutFlashRights_CouldNotMeasure_AndSaysWhichRight()
    {
        await using var twin = await StockTwinAsync();
        // Reads /proc/mtd but has no cgi-io download right (a custom group, as an owner might write).
        twin.Mutate(s =>
        {
            s.AclGroups["mtd-list"] = new AclGroup("mtd-list", new Dictionary<string, string[]> { ["file"] = ["read"] }, [], [TwinFlash.ProcMtdPath, "/dev/mtdblock*"]);
            s.AddLogin("viewer", "Viewer-Pass-3", ["luci-base", "mtd-list"], []);
        });
        var (output, _) = Run(twin, Options(twin, "viewer", "Viewer-Pass-3"));
        var message = Unverified(output);
        Assert.Contains("HTTP 403", message);
        Assert.Contains("cgi-io download", message);
        Assert.IsNull(Fact(output, FlashFacts.KernelSha256));
        Assert.AreEqual(0, twin.Downloads);
    }

    [TestMethod]
    [DataRow(CgiIoHostility.Truncated, "did not complete")]
    public async Task HostileDownload_IsBoundedAndCouldNotMeasure(CgiIoHostility hostility, string reason)
    {
        await using var twin = await StockTwinAsync();
        twin.DownloadHostility = hostility;
        var (output, elapsed) = Run(twin);
        var message = Unverified(output);
        Assert.Contains(reason, message, OpenWrtLab.Describe(output));
        Assert.IsNull(Fact(output, FlashFacts.KernelSha256));
        Assert.IsLessThan(15_000L, elapsed);
    }

    [TestMethod]
    [DataRow("kernel-size", "declares more bytes than its partition holds")]
    [DataRow("kernel-magic", "neither a uImage nor a FIT header")]
    [DataRow("fit-size", "declares more bytes than its partition holds")]
    [DataRow("squashfs-size", "declares more bytes than its partition holds")]
    [DataRow("squashfs-size-high", "declares more bytes than its partition holds")]
    [DataRow("squashfs-magic", "does not start with a squashfs superblock")]
    [DataRow("squashfs-version", "not 4")]
    public async Task LyingHeaders_CouldNotMeasure(string lie, string reason)
    {
        await using var twin = await StockTwinAsync();
        var kernel = lie == "fit-size" ? FlashImages.Fit(FlashImages.Payload(50_000, 5)) : (byte[])FlashImages.StockKernel.Clone();
        var rootfs = FlashImages.Pad4K(FlashImages.StockRootfs);
        switch (lie)
        {
            case "kernel-size": BinaryPrimitives.WriteUInt32BigEndian(kernel.AsSpan(12), 0x7FFFFFF0); break;
            case "kernel-magic": kernel[0] ^= 0xFF; break;
            case "fit-size": BinaryPrimitives.WriteUInt32BigEndian(kernel.AsSpan(4), 0xFFFFFFFF); break;
            case "squashfs-size": BinaryPrimitives.WriteUInt64LittleEndian(rootfs.AsSpan(40), 0x0FFF_FFFF); break;
            case "squashfs-size-high": BinaryPrimitives.WriteUInt64LittleEndian(rootfs.AsSpan(40), 0x1_0000_1000); break;
            case "squashfs-magic": rootfs[0] = (byte)'x'; break;
            case "squashfs-version": BinaryPrimitives.WriteUInt16LittleEndian(rootfs.AsSpan(28), 3); break;
        }
        twin.SetFlash(TwinFlash.Nor(kernel, rootfs));
        var (output, _) = Run(twin);
        var message = Unverified(output);
        Assert.Contains(reason, message, OpenWrtLab.Describe(output));
        Assert.IsNull(Fact(output, FlashFacts.RootfsSha256));
    }

    [TestMethod]
    public async Task PartitionAboveTheLimit_IsNotRead()
    {
        await using var twin = await StockTwinAsync();
        var options = Options(twin);
        options.MaxPartitionBytes = 0x10000;
        var (output, _) = Run(twin, options);
        Assert.Contains("more than the limit of 65536", Unverified(output));
        Assert.AreEqual(0, twin.Downloads);
    }

    [TestMethod]
    public async Task SixteenMiBPartition_IsHashedWithoutBufferingIt()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var kernel = FlashImages.UImage(FlashImages.Payload(16 * 1024 * 1024 - 64, 13), "MIPS OpenWrt Linux-5.15.167");
        twin.SetFlash(TwinFlash.Nor(kernel, FlashImages.Pad4K(FlashImages.StockRootfs)));
        Run(twin); // warm the connection pool and JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (output, elapsed) = Run(twin);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(Sha(kernel), Fact(output, FlashFacts.KernelSha256));
        Assert.IsLessThan(2L * 1024 * 1024, allocated, "the probe's thread allocated " + allocated + " bytes for a 16 MiB partition");
        Assert.IsLessThan(15_000L, elapsed);
    }

    [TestMethod]
    public async Task TwinCgiIo_RefusesLikeCgiIo()
    {
        await using var twin = await StockTwinAsync();
        using var client = new HttpClient();
        var url = new Uri(twin.BaseUri, OpenWrtTwin.CgiDownloadPath);
        async Task<(HttpStatusCode, string)> Post(string body, string type = "application/x-www-form-urlencoded")
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            using var r = await client.PostAsync(url, content);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        Assert.AreEqual((HttpStatusCode.Forbidden, "Download permission denied\n"), await Post("sessionid=00000000000000000000000000000000&path=%2Fdev%2Fmtdblock2"));
        using var ubus = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(ubus, UbusRaw.Anonymous, "session", "login", new { username = OpenWrtLab.User, password = OpenWrtLab.Password });
        var sid = login.GetProperty("result")[1].GetProperty("ubus_rpc_session").GetString();
        Assert.AreEqual((HttpStatusCode.Forbidden, "Download permission denied\n"), await Post($"sessionid={sid}&path=%2Fdev%2Fmtdblock2", "text/plain"));
        Assert.AreEqual((HttpStatusCode.Forbidden, "Access to path denied by ACL\n"), await Post($"sessionid={sid}&path=%2Fetc%2Fshadow"));
        Assert.AreEqual((HttpStatusCode.NotFound, "Failed to stat requested path: No such file or directory\n"), await Post($"sessionid={sid}&path=%2Fdev%2Fmtdblock9"));
        Assert.AreEqual((HttpStatusCode.BadRequest, "Invalid characters in filename\n"), await Post($"sessionid={sid}&path=%2Fdev%2Fmtdblock2&filename=a%22b"));
        var (status, _) = await Post($"sessionid={sid}&path=%2Fdev%2Fmtdblock2&filename=kernel.bin");
        Assert.AreEqual(HttpStatusCode.OK, status);
    }
}
