using FlaxGuard.Engine.HashDb;

namespace FlaxGuard.Engine.Tests.HashDb;

[TestClass]
public sealed class VersionOrderTests
{
    [TestMethod]
    [DataRow("1.2.3", "1.2.3", 0)]
    [DataRow("1.2.3", "1.2.10", -1)]
    [DataRow("1.10", "1.9.9", 1)]
    [DataRow("v1.0", "1.0", 0)]
    [DataRow("V5.21(AAZF.13)C0", "V5.21(AAZF.14)C0", -1)]
    [DataRow("V5.21(AAZF.7)C0", "V5.21(AAZF.13)C0", -1)]
    [DataRow("6.43rc3", "6.43", -1)]
    [DataRow("6.43rc3", "6.43rc4", -1)]
    [DataRow("6.42.1", "6.42", 1)]
    [DataRow("1.0rc1", "1.0.1", -1)]
    [DataRow("V4.73 Patch 1", "V4.73", 1)]
    [DataRow("1.1.3 Build 20221125 rel.45", "1.1.4 Build 20230219", -1)]
    [DataRow("1.1.4 Build 20230219", "1.1.4 Build 20230219", 0)]
    [DataRow("1.1.4 Build 20230301", "1.1.4 Build 20230219", 1)]
    [DataRow("0010", "10", 0)]
    [DataRow("99999999999999999999999", "99999999999999999999998", 1)]
    [DataRow("23.05.0-RC2", "23.05.0-rc3", -1)]
    [DataRow("", "1", -1)]
    public void Compare_OrdersVendorVersions(string a, string b, int expected)
    {
        Assert.AreEqual(expected, VersionOrder.Compare(a, b), $"{a} vs {b}");
        Assert.AreEqual(-expected, VersionOrder.Compare(b, a), $"{b} vs {a}");
    }

    [TestMethod]
    [DataRow("<1.5.1", "1.5.0", VersionRange.Affected)]
    [DataRow("<1.5.1", "1.5.1", VersionRange.NotAffected)]
    [DataRow("<=V5.21(AAZF.13)C0", "V5.21(AAZF.13)C0", VersionRange.Affected)]
    [DataRow(">=V4.60,<=V5.35", "V5.35", VersionRange.Affected)]
    [DataRow(">=V4.60,<=V5.35", "V4.50", VersionRange.NotAffected)]
    [DataRow(">=6.29rc1,<6.40.8 | >=6.41rc1,<6.42.1", "6.40.7", VersionRange.Affected)]
    [DataRow(">=6.29rc1,<6.40.8 | >=6.41rc1,<6.42.1", "6.40.8", VersionRange.NotAffected)]
    [DataRow(">=6.29rc1,<6.40.8 | >=6.41rc1,<6.42.1", "6.42", VersionRange.Affected)]
    [DataRow("=2.0", "2.0", VersionRange.Affected)]
    [DataRow(">2.0", "2.0", VersionRange.NotAffected)]
    [DataRow("all", "anything", VersionRange.Affected)]
    [DataRow("unknown", "1.0", VersionRange.Undetermined)]
    [DataRow("<1.0", "", VersionRange.Undetermined)]
    [DataRow("before 1.0", "0.9", VersionRange.Undetermined)]
    public void Evaluate_FollowsTheGrammar(string expression, string version, int expected)
    {
        Assert.AreEqual(expected, VersionRange.Evaluate(expression, version));
    }

    [TestMethod]
    public void IsValid_RejectsWhatIsNotAnExpression()
    {
        Assert.IsTrue(VersionRange.IsValid("<1.0"));
        Assert.IsTrue(VersionRange.IsValid(" >=1.0 , <2.0 | =3 "));
        Assert.IsFalse(VersionRange.IsValid(""));
        Assert.IsFalse(VersionRange.IsValid("1.0"));
        Assert.IsFalse(VersionRange.IsValid("<"));
        Assert.IsFalse(VersionRange.IsValid("<1.0,"));
        Assert.IsFalse(VersionRange.IsValid("<1.0 || >2"));
        Assert.IsFalse(VersionRange.IsValid(null));
    }

    [TestMethod]
    public void IdentityKeys_AreSha256OfTheNormalizedText()
    {
        var sha = new FlaxGuard.Engine.Crypto.Sha256();
        var scratch = new byte[32];
        var key = new byte[8];
        var vendor = IdentityText.Normalize("  TP-Link ");
        var model = IdentityText.Normalize("Archer\tAX21  (US)");
        Assert.AreEqual("tp-link", vendor);
        Assert.AreEqual("archer ax21 (us)", model);

        IdentityText.Key(sha, vendor, model, "1.0 ü", scratch, key, 5);

        var expected = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("tp-link\u001farcher ax21 (us)\u001f1.0 ü"));
        CollectionAssert.AreEqual(expected[..5], key[..5]);
        Assert.AreEqual("archer ", IdentityText.LiteralPrefix("archer *ax21*"));
    }
}
