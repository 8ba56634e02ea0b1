namespace FlaxGuard.Agent.Tests;

[TestClass]
public sealed class ProvisioningLoaderTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "fg-prov-" + Guid.NewGuid().ToString("N")[..10] + ".json");
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public void ValidFile_GivesIdUrlAndKey()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var path = Write($$"""{"format":"flaxguard-provisioning-1","hostUrl":"http://127.0.0.1:8443/","applianceId":"fg-0011aabbccdd","name":"attic-pi","key":"{{key}}","intervalSeconds":300,"caCertificatePem":null}""");
        try
        {
            var file = ProvisioningLoader.Load(path);
            Assert.AreEqual("fg-0011aabbccdd", file.ApplianceId);
            Assert.AreEqual("http://127.0.0.1:8443", file.HostUrl);
            Assert.HasCount(32, file.Key);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void MissingFile_SaysHowToCreateIt()
    {
        var e = Assert.ThrowsExactly<AgentSetupException>(() => ProvisioningLoader.Load("/nonexistent/agent.json"));
        StringAssert.Contains(e.Message, "flaxguard agent add");
    }

    [TestMethod]
    public void ShortKey_IsRefusedWithoutRepeatingIt()
    {
        var key = Convert.ToBase64String(new byte[16]);
        var path = Write($$"""{"hostUrl":"http://127.0.0.1:8443","applianceId":"fg-1","key":"{{key}}"}""");
        try
        {
            var e = Assert.ThrowsExactly<AgentSetupException>(() => ProvisioningLoader.Load(path));
            StringAssert.Contains(e.Message, "key is not 32 bytes");
            Assert.IsFalse(e.Message.Contains(key, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void NotJson_IsOneClearReason()
    {
        var path = Write("hostUrl=http://x");
        try
        {
            var e = Assert.ThrowsExactly<AgentSetupException>(() => ProvisioningLoader.Load(path));
            StringAssert.Contains(e.Message, "not valid JSON");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
