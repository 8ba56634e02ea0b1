using FlaxGuard.Wording;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Drift;

[TestClass]
public sealed class DriftReportTests
{
    private static FactSet Set(params (string Key, string Value)[] facts)
    {
        var set = new FactSet();
        foreach (var (k, v) in facts) set.Add(k, v, FactKind.Config);
        return set;
    }

    [TestMethod]
    public void Compute_FindsAddedRemovedAndChanged_WithRuleSeverities()
    {
        var baseline = Set(("fw.version", "1.0"), ("http.asset./app.js.sha256", "aa"), ("net.tcp.22", "open"), ("same", "x"));
        var current = Set(("fw.version", "1.1"), ("http.asset./app.js.sha256", "bb"), ("net.tcp.23", "open"), ("same", "x"), ("cfg.user.backdoor", "present"));
        var drift = DriftReport.Compute(baseline, current, DeviceFamilies.CreateDriftRules());

        var byKey = Enumerable.Range(0, drift.Count).Select(i => drift[i]).ToDictionary(c => c.Key);
        Assert.AreEqual(5, drift.Count);
        Assert.AreEqual(DriftKind.Changed, byKey["fw.version"].Kind);
        Assert.AreEqual(Severity.High, byKey["fw.version"].Severity);
        Assert.AreEqual(Severity.High, byKey["http.asset./app.js.sha256"].Severity);
        Assert.AreEqual(DriftKind.Added, byKey["net.tcp.23"].Kind);
        Assert.AreEqual(Severity.Critical, byKey["net.tcp.23"].Severity);
        Assert.AreEqual(DriftKind.Removed, byKey["net.tcp.22"].Kind);
        Assert.AreEqual(Severity.Info, byKey["net.tcp.22"].Severity);
        Assert.AreEqual(Severity.Critical, byKey["cfg.user.backdoor"].Severity);
        Assert.AreEqual("1.0", byKey["fw.version"].OldValue);
        Assert.AreEqual("1.1", byKey["fw.version"].NewValue);
        Assert.AreEqual(Severity.Critical, drift.Highest);
    }

    [TestMethod]
    public void Compute_IdenticalSets_NoDrift()
    {
        var drift = DriftReport.Compute(Set(("a", "1"), ("b", "2")), Set(("b", "2"), ("a", "1")), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, drift.Count);
        Assert.AreEqual(Severity.None, drift.Highest);
    }

    [TestMethod]
    public void Compute_MatchesANaiveDiff_OnRandomSets()
    {
        var random = new Random(99);
        for (var round = 0; round < 200; round++)
        {
            var a = RandomFacts(random);
            var b = RandomFacts(random);
            var drift = DriftReport.Compute(Set(a), Set(b), DeviceFamilies.CreateDriftRules());
            var da = a.ToDictionary(p => p.Key, p => p.Value);
            var db = b.ToDictionary(p => p.Key, p => p.Value);
            var expected = da.Keys.Union(db.Keys).Where(k => !da.ContainsKey(k) || !db.ContainsKey(k) || da[k] != db[k]).OrderBy(k => k, StringComparer.Ordinal).ToArray();
            CollectionAssert.AreEqual(expected, Enumerable.Range(0, drift.Count).Select(i => drift[i].Key).ToArray(), $"round {round}");
        }
    }

    [TestMethod]
    public void UnmatchedKey_FallsBackToLow()
    {
        var drift = DriftReport.Compute(Set(), Set(("something.new", "1")), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(Severity.Low, drift[0].Severity);
        Assert.AreEqual("drift.added", drift[0].Code);
        StringAssert.Contains(DriftSentences.For(drift[0]), "approved");
    }

    [TestMethod]
    public void Rules_FirstMatchWins()
    {
        var rules = new DriftRules();
        rules.Append(new DriftRule("x.*", (int)DriftKind.Added, Severity.Critical, "first"));
        rules.Append(new DriftRule("*", (int)(DriftKind.Added | DriftKind.Changed | DriftKind.Removed), Severity.Info, "second"));
        Assert.AreEqual("first", rules.Find(DriftKind.Added, "x.1")!.Code);
        Assert.AreEqual("second", rules.Find(DriftKind.Removed, "x.1")!.Code);
    }

    [TestMethod]
    public void ToVerdicts_CarryKindSeverityAndTheRuleCode_TheHostWordsIt()
    {
        var drift = DriftReport.Compute(Set(), Set(("net.tcp.2323", "open")), DeviceFamilies.CreateDriftRules());
        var verdict = drift.ToVerdicts().Single();
        Assert.AreEqual(VerdictKind.Drift, verdict.Kind);
        Assert.AreEqual("net.tcp.2323.added", verdict.Code);
        StringAssert.Contains(verdict.Message, "net.tcp.2323");
        Assert.AreEqual(Severity.Critical, verdict.Severity);
        StringAssert.Contains(DriftSentences.For(drift[0]), "telnet");
    }

    private static (string Key, string Value)[] RandomFacts(Random random) =>
        Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"k{random.Next(40)}").Distinct().Select(k => (k, random.Next(3).ToString())).ToArray();
}
