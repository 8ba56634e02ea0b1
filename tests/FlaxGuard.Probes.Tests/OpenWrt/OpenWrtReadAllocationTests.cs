using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// The two largest reads of the ubus probe stay within a few KB on the ESP32's small heap: the download scan of a
/// script (stock /etc/profile) and the live nft ruleset (a stock router's, about 12 KB of JSON). Both used to make a
/// string per line, word or member (20 KB each); they now read in place and make strings only for what becomes a
/// fact. Measured on this thread after a first run, so type set-up and JIT are not counted.
/// </summary>
[TestClass]
public sealed class OpenWrtReadAllocationTests
{
    private const long ProfileScanBytes = 2 * 1024;
    private const long RulesetReadBytes = 3 * 1024;

    [TestMethod]
    public void StockProfileScan_AllocatesAFewHundredBytes_NotAStringPerLine()
    {
        long allocated = 0;
        for (var round = 0; round < 3; round++)
        {
            var sheet = new OpenWrtFactSheet();
            _ = sheet.Fetch;
            var before = GC.GetAllocatedBytesForCurrentThread();
            ScriptFacts.ReadScript(OpenWrtTwinState.StockProfile, "openwrt.hook.profile", sheet);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(1, sheet.Count);
        }
        Assert.IsLessThan(ProfileScanBytes, allocated, "the /etc/profile scan allocated " + allocated + " bytes");
    }

    [TestMethod]
    public void StockRulesetRead_AllocatesAFewKB_NotAStringPerMember()
    {
        var state = OpenWrtTwinState.Factory("admin", "not-a-secret");
        var ruleset = Encoding.UTF8.GetBytes(state.NftRuleset().ToJsonString() + "\n");
        Assert.IsGreaterThan(8 * 1024, ruleset.Length, "a stock ruleset of some size");
        long allocated = 0;
        for (var round = 0; round < 3; round++)
        {
            // As the probe reads it: the ubus client's entry table and idle answer buffer are lent to the sink.
            var table = new JsonEntryBuffer(512);
            var lent = new byte[3072];
            var sheet = new OpenWrtFactSheet();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sink = new NftRulesetSink(new NftFacts(sheet), table, lent);
            for (var at = 0; at < ruleset.Length; at += 1460) sink.Write(ruleset, at, Math.Min(1460, ruleset.Length - at));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(sink.Complete, sink.Problem);
            Assert.AreEqual(0, sheet.Count, "fw4's own stock ruleset gives no fact");
        }
        Assert.IsLessThan(RulesetReadBytes, allocated, "the ruleset read allocated " + allocated + " bytes");
    }
}
