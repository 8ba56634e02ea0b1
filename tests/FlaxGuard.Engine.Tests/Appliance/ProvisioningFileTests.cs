using System.Text;
using System.Text.Json;
using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class ProvisioningFileTests
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    [TestMethod]
    public void DongleFile_IsParsed()
    {
        var file = ProvisioningFile.Parse(Json(new { hostUrl = "https://host.example:8443/", applianceId = "dongle-1", key = Key, caCertificatePem = Pem, network = "wifi", wifiSsid = "office", wifiPassword = "s3cret \"quoted\"" }), out string problem);
        Assert.IsNotNull(file, problem);
        Assert.AreEqual("https://host.example:8443", file.HostUrl, "a trailing slash is dropped");
        Assert.AreEqual("dongle-1", file.ApplianceId);
        CollectionAssert.AreEqual(Convert.FromBase64String(Key), file.Key);
        Assert.AreEqual(Pem, file.CaCertificatePem);
        Assert.AreEqual("office", file.WifiSsid);
        Assert.AreEqual("s3cret \"quoted\"", file.WifiPassword);
    }

    [TestMethod]
    public void AgentAddFile_AsFlaxguardWritesIt_IsParsed()
    {
        // The members 'flaxguard agent add' writes (host-tools/FlaxGuard.Cli/Commands/AgentAddCommand.cs), CA null, plain http.
        var file = ProvisioningFile.Parse(Json(new { format = "flaxguard-provisioning-1", hostUrl = "http://192.0.2.10:8443", applianceId = "pi-1", name = "attic pi", key = Key, intervalSeconds = 600, caCertificatePem = (string?)null }), out string problem);
        Assert.IsNotNull(file, problem);
        Assert.IsFalse(file.IsHttps, "a Linux agent may use http on a trusted network; the dongle refuses it");
        Assert.AreEqual("attic pi", file.Name);
        Assert.IsNull(file.Network);
        Assert.IsNull(file.CaCertificatePem);
    }

    [TestMethod]
    public void WithoutWifiPassword_KeepsEverythingElse_AndParsesBack()
    {
        var original = ProvisioningFile.Parse(Json(new { hostUrl = "https://host.example", applianceId = "dongle-1", key = Key, caCertificatePem = Pem, network = "wifi", wifiSsid = "caf\u00e9 \"5G\"", wifiPassword = "s3cret" }), out _)!;

        byte[] stripped = original.WithoutWifiPassword();

        Assert.IsFalse(Encoding.UTF8.GetString(stripped).Contains("s3cret", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(stripped); // .NET's parser as the reference for the hand-written JSON
        Assert.AreEqual(Pem, json.RootElement.GetProperty("caCertificatePem").GetString());
        Assert.AreEqual("caf\u00e9 \"5G\"", json.RootElement.GetProperty("wifiSsid").GetString());
        var again = ProvisioningFile.Parse(stripped, out string problem);
        Assert.IsNotNull(again, problem);
        Assert.IsNull(again.WifiPassword);
        CollectionAssert.AreEqual(original.Key, again.Key);
        Assert.AreEqual(original.HostUrl, again.HostUrl);
    }

    [TestMethod]
    [DataRow("""{"hostUrl":"ftp://host","applianceId":"d","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}""", "http:// or https://")]
    [DataRow("""{"format":"flaxguard-provisioning-9","hostUrl":"https://host","applianceId":"d","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}""", "is not flaxguard-provisioning-1")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"bad id!","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}""", "applianceId")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d","key":"AAEC"}""", "not 32 bytes")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d","key":"!!!"}""", "not base64")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d"}""", "key is missing")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","caCertificatePem":"junk"}""", "PEM")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","network":"wifi"}""", "wifiSsid")]
    [DataRow("""{"hostUrl":"https://host","applianceId":"d","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","network":"lte"}""", "wifi or ethernet")]
    [DataRow("""[1,2]""", "not a JSON object")]
    [DataRow("""{"hostUrl":""", "not valid JSON")]
    public void BadFile_GivesAReason_WithoutSecrets(string text, string reason)
    {
        Assert.IsNull(ProvisioningFile.Parse(Encoding.UTF8.GetBytes(text), out string problem));
        StringAssert.Contains(problem, reason);
        Assert.IsFalse(problem.Contains("AAECAw", StringComparison.Ordinal), "the key leaked into the reason");
    }

    [TestMethod]
    public void OversizedFile_IsRefused()
    {
        Assert.IsNull(ProvisioningFile.Parse(new byte[ProvisioningFile.MaxFileBytes + 1], out string problem));
        StringAssert.Contains(problem, "larger than");
    }
}
