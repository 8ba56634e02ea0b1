using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.Drift;

/// <summary>The device sends drift codes, the host words them: every code a rule gives has its sentence, and none is left over.</summary>
[TestClass]
public class DriftWordingTests
{
    private static IEnumerable<DriftRule> AllRules()
    {
        var rules = DeviceFamilies.CreateDriftRules();
        for (int i = 0; i < rules.Count; i++) yield return rules[i];
    }

    [TestMethod]
    public void EveryRuleCode_HasAnOwnerSentence()
    {
        var missing = AllRules().Select(r => r.Code).Where(c => !DriftSentences.Has(c)).ToArray();
        Assert.IsEmpty(missing, "codes without a sentence: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void EverySentence_BelongsToARuleOrAFallback()
    {
        var used = AllRules().Select(r => r.Code)
            .Concat(Enum.GetValues<DriftKind>().Select(DriftRules.FallbackCode))
            .ToHashSet(StringComparer.Ordinal);
        var orphans = DriftSentences.Codes.Where(c => !used.Contains(c)).ToArray();
        Assert.IsEmpty(orphans, "sentences no rule gives: " + string.Join(", ", orphans));
    }

    [TestMethod]
    public void RuleCodes_AreUnique()
    {
        var duplicates = AllRules().GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.IsEmpty(duplicates, string.Join(", ", duplicates));
    }

    [TestMethod]
    public void UnknownCode_FallsBackToTheSentenceOfItsKind()
    {
        StringAssert.Contains(DriftSentences.For("from.a.newer.appliance", DriftKind.Removed), "gone");
    }

    [TestMethod]
    public void FamilyRules_FollowTheSharedVocabulary_AndCoverEachFamilysKeys()
    {
        var rules = DeviceFamilies.CreateDriftRules();
        Assert.AreEqual(Verdicts.Severity.Critical, rules.Find(DriftKind.Added, "cfg.user.backdoor")!.Severity, "shared vocabulary");
        Assert.AreEqual(Verdicts.Severity.Critical, rules.Find(DriftKind.Added, "net.tcp.2323")!.Severity, "exposure family");
        Assert.AreEqual(Verdicts.Severity.High, rules.Find(DriftKind.Changed, "routeros.routerboot")!.Severity, "routeros family");
        Assert.AreEqual(Verdicts.Severity.High, rules.Find(DriftKind.Added, "upnp.map.tcp.2323")!.Severity, "upnp family");
        Assert.AreEqual(Verdicts.Severity.High, rules.Find(DriftKind.Added, "snmp.process.x")!.Severity, "snmp family");
    }
}
