using System.Text;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>
/// The rule digest read in place from the answer's bytes (RouterOsRuleDigest) must be the digest the string path
/// (RouterOsFirewallFacts.Digest) gives, or a rule would drift the day one of its values took the other path.
/// Each rule here goes through both: plain ones take the in-place path, unusual ones (escapes, blanks, long values,
/// non-ASCII) fall back, and the result must not differ.
/// </summary>
[TestClass]
public sealed class RouterOsRuleDigestTests
{
    [TestMethod]
    [DataRow("""{".id":"*1","chain":"input","action":"accept","connection-state":"established,related,untracked","disabled":"false","dynamic":"false","bytes":"12","comment":"x"}""")]
    [DataRow("""{"chain":"forward","action":"drop","dst-port":"443,80,443,,22","protocol":"TCP","in-interface-list":"WAN","log":"no","fragment":"yes"}""")]
    [DataRow("""{"chain":"dstnat","action":"dst-nat","to-addresses":"192.0.2.10","to-ports":"8080","src-address":"198.51.100.0/24","dst-address":"yes,no"}""")]
    [DataRow("""{"chain":"input","action":"accept","src-address":" 192.0.2.1 , 192.0.2.2","comment":"blanks around commas"}""")]
    [DataRow("""{"chain":"input","action":"accept","src-address-list":"a\u0041b","log-prefix":"two words"}""")]
    [DataRow("""{"chain":"input","action":"accept","layer7-protocol":"ünïcode","content":"TRUE"}""")]
    [DataRow("""{"chain":"input","action":"accept","dst-address":"","empty":",,,"}""")]
    [DataRow("""{"ch\u0061in":"input","action":"accept"}""")]
    public void InPlaceDigest_IsTheStringDigest(string json)
    {
        var rule = Parse(json);
        var facts = new RouterOsFactBuffer();
        var inPlace = RouterOsFirewallFacts.AppendDigest(rule, facts, new TextBuilder(64)).ToString();
        Assert.AreEqual(RouterOsFirewallFacts.Digest(rule, new TextDigest()), inPlace);
    }

    [TestMethod]
    public void LongValues_AndManyMembers_FallBackToTheSameDigest()
    {
        var members = new StringBuilder("{\"chain\":\"input\",\"action\":\"drop\",\"comment\":\"" + new string('c', 300) + "\",\"src-address-list\":\"" + new string('A', 200) + "\"");
        for (var i = 0; i < 40; i++) members.Append(",\"m").Append(i).Append("\":\"v").Append(i).Append('"');
        var rule = Parse(members.Append('}').ToString());
        var inPlace = RouterOsFirewallFacts.AppendDigest(rule, new RouterOsFactBuffer(), new TextBuilder(64)).ToString();
        Assert.AreEqual(RouterOsFirewallFacts.Digest(rule, new TextDigest()), inPlace);
    }

    [TestMethod]
    public void Digest_IgnoresOrderCaseAndRepeats_ButNotValues()
    {
        var a = Parse("""{"chain":"input","action":"accept","dst-port":"80,443","protocol":"tcp"}""");
        var b = Parse("""{"protocol":"TCP","dst-port":"443,80,80","action":"accept","chain":"input"}""");
        var c = Parse("""{"chain":"input","action":"accept","dst-port":"80,8443","protocol":"tcp"}""");
        var facts = new RouterOsFactBuffer();
        string Of(JsonValue rule) => RouterOsFirewallFacts.AppendDigest(rule, facts, new TextBuilder(64)).ToString();
        Assert.AreEqual(Of(a), Of(b));
        Assert.AreNotEqual(Of(a), Of(c));
    }

    private static JsonValue Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var value = JsonParser.Parse(bytes, 0, bytes.Length, new JsonLimits(4, 4096, 512), out var error);
        Assert.IsNotNull(value, error);
        return value;
    }
}
