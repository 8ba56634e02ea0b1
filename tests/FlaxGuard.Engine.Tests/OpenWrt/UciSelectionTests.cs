using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>Reading only the wanted sections and options checks the whole dump exactly as reading everything does.</summary>
[TestClass]
public sealed class UciSelectionTests
{
    private static JsonValue Data(string valuesJson)
    {
        var json = "{\"values\":" + valuesJson + "}";
        var data = JsonParser.Parse(Encoding.UTF8.GetBytes(json), 0, Encoding.UTF8.GetByteCount(json), UbusClient.Limits, out var error);
        Assert.IsNotNull(data, error);
        return data;
    }

    private static readonly string[] Types = ["zone", "rule"];
    private static readonly string[][] Options = [["name", "network"], ["proto", "dest_port"]];

    private const string Firewall =
        "{\"d\":{\".anonymous\":true,\".type\":\"defaults\",\".name\":\"d\",\".index\":0,\"input\":\"ACCEPT\"},"
        + "\"z\":{\".anonymous\":true,\".type\":\"zone\",\".name\":\"cfgz\",\".index\":1,\"name\":\"wan\",\"network\":[\"wan\",\"wan6\"],\"input\":\"REJECT\"},"
        + "\"r\":{\".anonymous\":false,\".type\":\"rule\",\".index\":2,\"proto\":\"tcp\",\"target\":\"ACCEPT\"}}";

    [TestMethod]
    public void OnlyWantedSectionsAndOptions_AreKept()
    {
        var p = UciPackage.FromReply("firewall", Data(Firewall), Types, Options);
        Assert.AreEqual(2, p.Count);
        Assert.IsEmpty(p.OfType("defaults"));
        var zone = p.OfType("zone")[0];
        Assert.AreEqual("cfgz", zone.Name);
        Assert.AreEqual("wan", zone.Option("name"));
        CollectionAssert.AreEqual(new[] { "wan", "wan6" }, zone.Words("network"));
        Assert.IsTrue(zone.IsList("network"));
        Assert.IsNull(zone.Option("input"), "not asked for");
        var rule = p.Named("r");
        Assert.IsNotNull(rule, "a section without .name is named by its key");
        Assert.AreEqual("tcp", rule.Option("proto"));
        Assert.IsNull(rule.Option("dest_port"));
        Assert.IsEmpty(rule.Words("dest_port"));
        Assert.IsNull(rule.Option("target"));
    }

    [TestMethod]
    [DataRow("{\"s\":\"text\"}")]
    [DataRow("{\"s\":{\".name\":\"s\"}}")]
    [DataRow("{\"s\":{\".type\":\"other\",\"dest_port\":443}}")]
    [DataRow("{\"s\":{\".type\":\"other\",\".anonymous\":true,\".index\":1,\"proto\":[\"tcp\",6]}}")]
    [DataRow("{\"s\":{\".type\":\"other\",\".anonymous\":true,\"x\":{}}}")]
    [DataRow("{\"s\":{\".type\":\"other\",\".anonymous\":\"yes\"}}")]
    [DataRow("{\"s\":{\".type\":\"other\",\".index\":\"1\"}}")]
    [DataRow("{\"s\":{\".type\":\"rule\",\".index\":1,\".extra\":[1],\"enabled\":true}}")]
    [DataRow("{\"s\":{\".type\":\"rule\",\".index\":1.5}}")]
    public void SectionsOfUnwantedTypes_AreCheckedAsStrictly(string values)
    {
        var all = Assert.ThrowsExactly<UbusDataException>(() => UciPackage.FromReply("firewall", Data(values)));
        var some = Assert.ThrowsExactly<UbusDataException>(() => UciPackage.FromReply("firewall", Data(values), Types, Options));
        Assert.AreEqual(all.Message, some.Message);
    }

    [TestMethod]
    public void RpcdOwnMembers_AreSkipped_WhateverTheirValues()
    {
        var p = UciPackage.FromReply("firewall", Data("{\"s\":{\".type\":\"rule\",\".anonymous\":true,\".index\":3,\".odd\":5,\".list\":[1],\"proto\":\"udp\"}}"), Types, Options);
        Assert.AreEqual("udp", p[0].Option("proto"));
    }
}
