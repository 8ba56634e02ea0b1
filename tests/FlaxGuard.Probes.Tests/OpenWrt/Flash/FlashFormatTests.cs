using System.Buffers.Binary;
using System.Text;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt.Flash;

/// <summary>/proc/mtd and the header parsers on their own, with hostile input.</summary>
[TestClass]
public sealed class FlashFormatTests
{
    private const string Header = "dev:    size   erasesize  name\n";

    [TestMethod]
    public void ProcMtd_AsTheKernelPrintsIt_IsRead()
    {
        // An Archer C7 v2 on OpenWrt 23.05 (ath79): mtdsplit makes kernel and rootfs inside firmware.
        var text = Header + "mtd0: 00020000 00010000 \"u-boot\"\nmtd1: 00fc0000 00010000 \"firmware\"\nmtd2: 001e0000 00010000 \"kernel\"\n"
                   + "mtd3: 00de0000 00010000 \"rootfs\"\nmtd4: 00a10000 00010000 \"rootfs_data\"\nmtd5: 00010000 00010000 \"art\"\n";
        var table = MtdTable.Parse(text, out var problem);
        Assert.IsNull(problem);
        Assert.AreEqual(6, table!.Count);
        Assert.AreEqual(0x1e0000L, table.Find("kernel")!.Size);
        Assert.AreEqual("/dev/mtdblock3", table.Find("rootfs")!.BlockDevice);
        Assert.AreEqual("u-boot:0x20000 firmware:0xfc0000 kernel:0x1e0000 rootfs:0xde0000 rootfs_data:0xa10000 art:0x10000", table.Layout());
        Assert.AreEqual("none", MtdTable.Parse(Header, out _)!.Layout());
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("dev: size name\n", "header")]
    [DataRow(Header + "mtd1: 00020000 00010000 \"u-boot\"\n", "line 2")]
    [DataRow(Header + "mtd0: 20000 00010000 \"u-boot\"\n", "line 2")]
    [DataRow(Header + "mtd0: 00020000 00010000 u-boot\n", "line 2")]
    [DataRow(Header + "mtd0: 00020000 00010000 \"u-\"boot\"\n", "line 2")]
    [DataRow(Header + "mtd0: 00020000000000000 00010000 \"u-boot\"\n", "line 2")]
    [DataRow(Header + "mtd0: 0002zz00 00010000 \"u-boot\"\n", "line 2")]
    public void ProcMtd_NotInTheKernelsForm_IsRefused(string text, string reason)
    {
        Assert.IsNull(MtdTable.Parse(text, out var problem));
        Assert.Contains(reason, problem!);
    }

    [TestMethod]
    public void ProcMtd_Bounds_CountAndNameLength()
    {
        var many = new StringBuilder(Header);
        for (var i = 0; i <= MtdTable.MaxPartitions; i++) many.Append($"mtd{i}: 00010000 00010000 \"p{i}\"\n");
        Assert.IsNull(MtdTable.Parse(many.ToString(), out var problem));
        Assert.Contains("more than 32", problem!);
        Assert.IsNull(MtdTable.Parse(Header + "mtd0: 00010000 00010000 \"" + new string('n', 65) + "\"\n", out _));
        Assert.IsNotNull(MtdTable.Parse(Header + "mtd0: 00010000 00010000 \"" + new string('n', 64) + "\"\n", out _));
    }

    [TestMethod]
    public void Extent_ComesFromTheHeaders()
    {
        var uimage = new byte[96];
        BinaryPrimitives.WriteUInt32BigEndian(uimage, 0x27051956);
        BinaryPrimitives.WriteUInt32BigEndian(uimage.AsSpan(12), 1000);
        Assert.AreEqual(1064L, FlashExtent.Kernel(uimage, 96, 4096, out var format, out _));
        Assert.AreEqual("uimage", format);
        Assert.AreEqual(-1L, FlashExtent.Kernel(uimage, 96, 1063, out _, out var problem));
        Assert.Contains("more bytes than its partition", problem!);
        BinaryPrimitives.WriteUInt32BigEndian(uimage.AsSpan(12), 0);
        Assert.AreEqual(-1L, FlashExtent.Kernel(uimage, 96, 4096, out _, out problem), "a header with no kernel behind it");

        var squash = new byte[96];
        BinaryPrimitives.WriteUInt32LittleEndian(squash, 0x73717368);
        BinaryPrimitives.WriteUInt32LittleEndian(squash.AsSpan(12), 131072);
        BinaryPrimitives.WriteUInt16LittleEndian(squash.AsSpan(28), 4);
        BinaryPrimitives.WriteUInt64LittleEndian(squash.AsSpan(40), 5000);
        Assert.AreEqual(5000L, FlashExtent.Rootfs(squash, 96, 8192, out _));
        BinaryPrimitives.WriteUInt32LittleEndian(squash.AsSpan(12), 131073);
        Assert.AreEqual(-1L, FlashExtent.Rootfs(squash, 96, 8192, out problem));
        Assert.Contains("block size", problem!);
    }

    [TestMethod]
    public void Sink_HashesOnlyTheExtent_InAnyChunking()
    {
        var partition = new byte[20_000];
        new Random(3).NextBytes(partition);
        BinaryPrimitives.WriteUInt32BigEndian(partition, 0x27051956);
        BinaryPrimitives.WriteUInt32BigEndian(partition.AsSpan(12), 9_000);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(partition.AsSpan(0, 9_064)));
        foreach (var chunk in new[] { 1, 7, 95, 96, 97, 4096, 20_000 })
        {
            var sink = new ExtentHashSink(true, partition.Length);
            for (var i = 0; i < partition.Length; i += chunk) sink.Write(partition, i, Math.Min(chunk, partition.Length - i));
            sink.Finish();
            Assert.AreEqual(expected, sink.Sha256Hex, "chunk " + chunk);
            Assert.AreEqual(partition.Length, sink.Received);
        }
        var shortSink = new ExtentHashSink(false, 4096);
        shortSink.Write(partition, 0, 50);
        shortSink.Finish();
        Assert.IsFalse(shortSink.Complete);
        Assert.Contains("ended after 50 bytes", shortSink.Problem!);
    }

    [TestMethod]
    public void CgiIoForm_EncodesEverythingButLettersAndDigits()
    {
        var body = Encoding.ASCII.GetString(CgiDownload.FormBody("0123abcd", "/dev/mtdblock3", "rootfs.bin"));
        Assert.AreEqual("sessionid=0123abcd&path=%2Fdev%2Fmtdblock3&filename=rootfs%2Ebin", body);
    }

    [TestMethod]
    public void CgiExecForm_EncodesAsTheDownloadForm_AsciiOrNot()
    {
        var nft = Encoding.ASCII.GetString(CgiDownload.Form("sessionid", "0123abcd", "command", NftFacts.Command));
        Assert.AreEqual("sessionid=0123abcd&command=%2Fusr%2Fsbin%2Fnft%20%2D%2Dterse%20%2D%2Djson%20list%20ruleset", nft);
        // Text beyond ASCII is percent-encoded byte by byte of its UTF-8.
        var other = Encoding.ASCII.GetString(CgiDownload.Form("sessionid", "", "command", "caf\u00e9 \ud83d\ude00"));
        Assert.AreEqual("sessionid=&command=caf%C3%A9%20%F0%9F%98%80", other);
    }
}
