using FlaxGuard.Alerts.Mqtt;
using FlaxGuard.Alerts.Syslog;
using FlaxGuard.Alerts.Webhook;

namespace FlaxGuard.Alerts.Tests;

[TestClass]
public sealed class ChannelConfigTests
{
    private static string _directory = null!;
    private static string _secretFile = null!;
    private const string Secret = "s3cr3t-for-signing-0123456789";

    [ClassInitialize]
    public static void CreateSecretFile(TestContext _)
    {
        _directory = Directory.CreateTempSubdirectory("fg-alert-config-").FullName;
        _secretFile = Path.Combine(_directory, "hook.key");
        File.WriteAllText(_secretFile, Secret + "\n");
    }

    [ClassCleanup]
    public static void RemoveSecretFile() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public void Webhook_spec_keeps_the_receiver_query_and_reads_options_from_the_fragment()
    {
        var options = WebhookOptions.Parse($"webhook+https://hooks.example.net:8443/in/abc?team=ops#secret-file={_secretFile}&timeout=7");
        Assert.AreEqual("https://hooks.example.net:8443/in/abc?team=ops", options.Endpoint.ToString());
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(Secret), options.SigningSecret, "first line of the file, without the newline");
        Assert.AreEqual(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.AreEqual("webhook https://hooks.example.net:8443", options.Description, "no path or query in logs: they often hold tokens");
    }

    [TestMethod]
    public void Plain_http_url_is_a_webhook_without_signature()
    {
        var options = WebhookOptions.Parse("http://127.0.0.1:9000/hook");
        Assert.IsNull(options.SigningSecret);
        Assert.AreEqual(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.IsInstanceOfType<WebhookChannel>(AlertChannels.Create("http://127.0.0.1:9000/hook"));
    }

    [TestMethod]
    public void Syslog_specs_parse_transport_port_and_facility()
    {
        var udp = SyslogOptions.Parse("syslog+udp://127.0.0.1");
        Assert.AreEqual(SyslogTransport.Udp, udp.Transport);
        Assert.AreEqual(514, udp.Port);
        Assert.AreEqual(16, udp.Facility, "local0 by default");
        var tcp = SyslogOptions.Parse("syslog+tcp://[::1]:6514?facility=daemon&hostname=fg-1");
        Assert.AreEqual(SyslogTransport.Tcp, tcp.Transport);
        Assert.AreEqual("::1", tcp.Host);
        Assert.AreEqual(6514, tcp.Port);
        Assert.AreEqual(3, tcp.Facility);
        Assert.AreEqual("fg-1", tcp.Hostname);
        Assert.AreEqual("syslog+tcp [::1]:6514", tcp.Description);
    }

    [TestMethod]
    public void Mqtt_spec_reads_user_password_file_and_prefixes()
    {
        var options = MqttOptions.Parse($"mqtt://flaxguard@broker.lan:1884?password-file={_secretFile}&topic-prefix=site/fg&discovery-prefix=ha&client-id=fg-test");
        Assert.AreEqual("broker.lan", options.Host);
        Assert.AreEqual(1884, options.Port);
        Assert.AreEqual("flaxguard", options.UserName);
        Assert.AreEqual(Secret, options.Password);
        Assert.AreEqual("site/fg", options.TopicPrefix);
        Assert.AreEqual("ha", options.DiscoveryPrefix);
        Assert.AreEqual("fg-test", options.ClientId);
        Assert.AreEqual("mqtt broker.lan:1884", options.ToString());
        Assert.DoesNotContain(Secret, options.ToString());
        Assert.AreEqual(1883, MqttOptions.Parse("mqtt://127.0.0.1").Port);
    }

    [TestMethod]
    [DataRow("", "specification is empty")]
    [DataRow("ftp://example.net/x", "unknown kind 'ftp'")]
    [DataRow("nonsense", "unknown kind")]
    [DataRow("webhook+https://", "not a valid http(s) URL")]
    [DataRow("https://user:hunter2@hooks.example.net/x", "must not contain a user name or password")]
    [DataRow("https://hooks.example.net/x#secret=hunter2", "unknown option 'secret'")]
    [DataRow("https://hooks.example.net/x#timeout=0", "timeout must be a whole number from 1 to 120")]
    [DataRow("https://hooks.example.net/x#timeout=5&timeout=6", "option 'timeout' is given twice")]
    [DataRow("https://hooks.example.net/x#secret-file=/nonexistent/flaxguard/key", "cannot read the secret-file (no such file)")]
    [DataRow("https://hooks.example.net/x#secret-env=FLAXGUARD_TEST_UNSET_VARIABLE", "environment variable named by secret-env is not set")]
    [DataRow("https://hooks.example.net/x#secret-file=a&secret-env=B", "give secret-file or secret-env, not both")]
    [DataRow("syslog+udp://", "not a valid address")]
    [DataRow("syslog+sctp://127.0.0.1", "unknown kind")]
    [DataRow("syslog+tcp://127.0.0.1:99999", "not a valid address")]
    [DataRow("syslog+udp://127.0.0.1?facility=local9", "unknown facility")]
    [DataRow("syslog+udp://127.0.0.1/path", "nothing may follow host:port")]
    [DataRow("syslog+udp://127.0.0.1?hostname=a%20b", "hostname must be 1 to 255 printable ASCII")]
    [DataRow("syslog+udp://127.0.0.1?level=3", "unknown option 'level'")]
    [DataRow("mqtt://fg:hunter2@127.0.0.1", "do not put the password in the URL")]
    [DataRow("mqtts://127.0.0.1", "mqtts:// (TLS) is not supported yet")]
    [DataRow("mqtt://127.0.0.1?topic-prefix=a/%2B/b", "topic-prefix must be 1 to 100 letters")]
    [DataRow("mqtt://127.0.0.1?discovery-prefix=", "discovery-prefix must be 1 to 100 letters")]
    [DataRow("mqtt://127.0.0.1?client-id=a%20b", "client-id must be 1 to 64")]
    [DataRow("mqtt://127.0.0.1?password-file=/nonexistent/pw", "a password needs a user name")]
    [DataRow("mqtt://fg@127.0.0.1?password-file=/nonexistent/pw", "cannot read the password-file (no such file)")]
    [DataRow("mqtt://fg@127.0.0.1?password-env=FLAXGUARD_TEST_UNSET_VARIABLE", "environment variable named by password-env is not set")]
    [DataRow("mqtt://127.0.0.1?timeout=61", "timeout must be a whole number from 1 to 60")]
    public void Bad_specifications_give_one_clear_line_without_secrets(string specification, string expected)
    {
        var ok = AlertChannels.TryCreate(specification, out var channel, out var error);
        Assert.IsFalse(ok, "accepted: " + specification);
        Assert.IsNull(channel);
        Assert.IsNotNull(error);
        StringAssert.Contains(error, expected);
        Assert.DoesNotContain("\n", error, "one line");
        Assert.DoesNotContain("hunter2", error, "the secret was echoed: " + error);
        Assert.DoesNotContain("/nonexistent", error, "a secret path was echoed: " + error);
    }

    [TestMethod]
    public void Empty_secret_file_is_refused()
    {
        var empty = Path.Combine(_directory, "empty.key");
        File.WriteAllText(empty, "\n");
        var e = Assert.ThrowsExactly<AlertConfigException>(() => WebhookOptions.Parse($"https://h.example/x#secret-file={empty}"));
        StringAssert.Contains(e.Message, "is empty");
    }
}
