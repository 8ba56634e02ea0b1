using System.Security.Cryptography;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Lab.Twins.OpenWrt;
using static FlaxGuard.Probes.Tests.OpenWrt.Flash.FlashLab;

namespace FlaxGuard.Probes.Tests.OpenWrt.Flash;

/// <summary>
/// Measured parts against a compiled known-good database holding part rows ("&lt;image&gt;#kernel", "&lt;image&gt;#rootfs"):
/// the stock parts are known-good for the reported version, a part of another release is a mismatch, an unknown part
/// cannot be confirmed.
/// </summary>
[TestClass]
public sealed class FlashKnownGoodTests
{
    private static readonly byte[] ApplianceKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static HashDbReader Database(params (string Version, byte[] Part)[] rows)
    {
        using var stream = new MemoryStream();
        DatabaseCompiler.Compile(rows.Select(r => ("openwrt", "tplink,archer-c7-v2", r.Version, SHA256.HashData(r.Part))), [],
            new CompileOptions(1, new byte[8], ApplianceKey, 1_700_000_000), stream);
        var reader = HashDbReader.Open(new Blob(stream.ToArray()), "hashdb", ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem);
        Assert.IsNotNull(reader, problem);
        return reader;
    }

    private static async Task<FactSet> MeasureAsync(byte[] kernel, string version)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.SetFlash(TwinFlash.Nor(kernel, FlashImages.Pad4K(FlashImages.StockRootfs)));
        var (output, _) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var facts = output.Facts;
        facts.Add(FirmwareObservation.VersionKey, version, FactKind.Firmware);
        return facts;
    }

    [TestMethod]
    public async Task StockParts_AreKnownGood_ForTheReportedVersion()
    {
        var db = Database(("23.05.5", FlashImages.StockKernel), ("23.05.5", FlashImages.StockRootfs));
        var verdicts = FirmwarePartAssessor.Assess(db, await MeasureAsync(FlashImages.StockKernel, "23.05.5"));
        Assert.HasCount(2, verdicts);
        Assert.IsTrue(verdicts.All(v => v.Code == FirmwarePartAssessor.KnownGoodCode && v.Severity == Severity.None), string.Join("\n", verdicts.Select(v => v.ToString())));
        Assert.AreEqual("firmware.kernel.sha256", verdicts[0].Subject);
    }

    [TestMethod]
    public async Task PartOfAnotherRelease_IsAMismatch_AndAnUnknownPartCannotBeConfirmed()
    {
        var db = Database(("22.03.5", FlashImages.ReplacedKernel), ("23.05.5", FlashImages.StockKernel));
        var verdicts = FirmwarePartAssessor.Assess(db, await MeasureAsync(FlashImages.ReplacedKernel, "23.05.5"));
        var kernel = verdicts.Single(v => v.Subject == FlashFacts.KernelSha256);
        Assert.AreEqual(FirmwarePartAssessor.MismatchCode, kernel.Code);
        Assert.AreEqual(Severity.High, kernel.Severity);
        Assert.Contains("22.03.5", kernel.Message);
        var rootfs = verdicts.Single(v => v.Subject == FlashFacts.RootfsSha256);
        Assert.AreEqual(FirmwarePartAssessor.UnknownCode, rootfs.Code);
        Assert.AreEqual(Severity.Low, rootfs.Severity);
    }

    private sealed class Blob(byte[] data) : IBlobReader
    {
        public long Length(string name) => data.Length;

        public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
        {
            var n = (int)Math.Min(count, data.Length - offset);
            if (n <= 0) return 0;
            Array.Copy(data, offset, buffer, bufferOffset, n);
            return n;
        }
    }
}
