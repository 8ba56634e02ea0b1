using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Probes;

/// <summary>Values of one key merge distinct, cleaned, sorted; keys keep their first order and kind.</summary>
[TestClass]
public sealed class MergedFactsTests
{
    [TestMethod]
    public void OneKey_SeveralValues_AreDistinctSortedAndJoined()
    {
        var facts = new MergedFacts(", ");
        facts.Add("cfg.service.ssh", "port=2222 from=lan", FactKind.Config);
        facts.Add("cfg.service.ssh", "port=22  from=any\n", FactKind.Firmware);
        facts.Add("cfg.service.ssh", "port=22 from=any", FactKind.Config);
        facts.Add("cfg.service.ssh", "Port=1", FactKind.Config);
        Assert.AreEqual(1, facts.Count);
        Assert.AreEqual("Port=1, port=22 from=any, port=2222 from=lan", facts.Value("cfg.service.ssh"));
        var output = new ProbeOutput();
        facts.CopyTo(output);
        Assert.AreEqual(FactKind.Config, output.Facts.Get("cfg.service.ssh")!.Kind, "the first value's kind stays");
    }

    [TestMethod]
    public void SingleValues_AreReportedAsCleaned_AndMissingKeysAreNull()
    {
        var facts = new MergedFacts(",");
        facts.Add("fw.version", "  7.20.8 ", FactKind.Firmware);
        facts.Add("fw.version", "7.20.8", FactKind.Firmware);
        Assert.AreEqual("7.20.8", facts.Value("fw.version"));
        Assert.IsTrue(facts.Contains("fw.version"));
        Assert.IsNull(facts.Value("fw.model"));
        Assert.IsFalse(facts.Contains("fw.model"));
    }

    [TestMethod]
    public void ManyKeys_GrowTheArrays_AndKeepEveryKeyAndKind()
    {
        var facts = new MergedFacts(",");
        for (var i = 0; i < 100; i++) facts.Add("cfg.k" + i, "v" + i, i % 2 == 0 ? FactKind.Config : FactKind.Identity);
        facts.Add("cfg.k7", "w", FactKind.Config);
        Assert.AreEqual(100, facts.Count);
        var output = new ProbeOutput();
        facts.CopyTo(output);
        Assert.AreEqual(100, output.Facts.Count);
        Assert.AreEqual("v7,w", output.Facts.Get("cfg.k7")!.Value);
        Assert.AreEqual(FactKind.Identity, output.Facts.Get("cfg.k99")!.Kind);
        Assert.AreEqual("v98", output.Facts.Get("cfg.k98")!.Value);
    }

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CopyTo_GrowsTheOutputOnce_AndKeepsWhatItHeld()
    {
        var facts = new MergedFacts(",");
        var keys = Enumerable.Range(0, 72).Select(i => "cfg.k" + i).ToArray();
        foreach (var key in keys) facts.Add(key, "v", FactKind.Config);
        var stepwise = new ProbeOutput();
        stepwise.AddFact("fw.version", "1", FactKind.Firmware);
        var reserved = new ProbeOutput();
        reserved.AddFact("fw.version", "1", FactKind.Firmware);

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys) stepwise.AddFact(key, "v", FactKind.Config);
        long oneByOne = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        facts.CopyTo(reserved);
        long atOnce = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.WriteLine($"72 facts into an output of 32: {oneByOne} bytes one by one, {atOnce} bytes with the room reserved");

        Assert.IsLessThan(oneByOne, atOnce);
        Assert.AreEqual(73, reserved.Facts.Count);
        Assert.AreEqual("1", reserved.Facts.Get("fw.version")!.Value, "a fact held before the reserve is still found");
        Assert.AreEqual(stepwise.Facts.DigestHex(), reserved.Facts.DigestHex());
        reserved.ReserveFacts(0);
        Assert.IsFalse(reserved.Facts.Add("cfg.k1", "other", FactKind.Config), "keys stay unique after a reserve");
    }
}
