using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlaxGuard.Alerts.Tests.Fixtures;
using FlaxGuard.Alerts.Webhook;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>The webhook channel against a real HTTP endpoint (Kestrel on loopback).</summary>
[TestClass]
public sealed class WebhookTests
{
    private static string _directory = null!;
    private static string _secretFile = null!;
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("receiver-shared-secret-42");

    [ClassInitialize]
    public static void CreateSecret(TestContext _)
    {
        _directory = Directory.CreateTempSubdirectory("fg-webhook-").FullName;
        _secretFile = Path.Combine(_directory, "hook.key");
        File.WriteAllBytes(_secretFile, Secret);
    }

    [ClassCleanup]
    public static void RemoveSecret() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public async Task Posts_the_documented_json_with_a_verifiable_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var channel = AlertChannels.Create($"webhook+{receiver.Url}?tenant=7#secret-file={_secretFile}");
        var alert = TestAlerts.Event(severity: Severity.High, open: 2);
        await channel.SendAsync(alert, CancellationToken.None);

        var request = (await receiver.WaitForAsync(1)).Single();
        Assert.AreEqual("/hooks/flaxguard", request.Path);
        Assert.AreEqual("application/json; charset=utf-8", request.ContentType);
        Assert.AreEqual(alert.Id, request.Delivery);
        Assert.AreEqual("raised", request.EventName);

        // The receiver's side of the signature check: HMAC-SHA256 of the exact body, compared in constant time.
        Assert.IsNotNull(request.Signature);
        StringAssert.StartsWith(request.Signature, "sha256=");
        var expected = Convert.FromHexString(request.Signature["sha256=".Length..]);
        Assert.IsTrue(CryptographicOperations.FixedTimeEquals(expected, HMACSHA256.HashData(Secret, request.Body)));
        var tampered = (byte[])request.Body.Clone();
        tampered[^2] ^= 1;
        Assert.IsFalse(CryptographicOperations.FixedTimeEquals(expected, HMACSHA256.HashData(Secret, tampered)));

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.AreEqual("flaxguard.alert/1", root.GetProperty("schema").GetString());
        Assert.AreEqual(alert.Id, root.GetProperty("id").GetString());
        Assert.AreEqual("raised", root.GetProperty("state").GetString());
        Assert.AreEqual("high", root.GetProperty("severity").GetString());
        Assert.AreEqual("2026-11-27T03:30:00.000+00:00", root.GetProperty("time").GetString());
        Assert.AreEqual("appliance-1", root.GetProperty("appliance").GetProperty("id").GetString());
        var device = root.GetProperty("device");
        Assert.AreEqual("dev-1", device.GetProperty("id").GetString());
        Assert.AreEqual("Office router", device.GetProperty("name").GetString());
        Assert.AreEqual(2, device.GetProperty("open_findings").GetInt32());
        Assert.AreEqual("high", device.GetProperty("worst_open_severity").GetString());
        Assert.AreEqual("cfg.service.telnet", root.GetProperty("finding").GetProperty("key").GetString());
        Assert.AreEqual(alert.Sentence, root.GetProperty("finding").GetProperty("sentence").GetString());
        CollectionAssert.AreEqual(new[] { "schema", "id", "state", "severity", "time", "appliance", "device", "finding" },
            root.EnumerateObject().Select(p => p.Name).ToArray(), "stable field order");
    }

    [TestMethod]
    public async Task Without_a_secret_no_signature_header_is_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var channel = AlertChannels.Create(receiver.Url.ToString());
        await channel.SendAsync(TestAlerts.Event(), CancellationToken.None);
        Assert.IsNull((await receiver.WaitForAsync(1)).Single().Signature);
    }

    [TestMethod]
    public async Task Hostile_names_stay_inside_their_json_string()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var channel = AlertChannels.Create(receiver.Url.ToString());
        var alert = TestAlerts.Event(deviceName: TestAlerts.HostileName, sentence: "quote \" backslash \\ </script> ünïcödé 😀");
        await channel.SendAsync(alert, CancellationToken.None);
        var body = (await receiver.WaitForAsync(1)).Single().Body;
        Assert.IsFalse(body.Any(b => b < 0x20), "raw control bytes in the body");
        Assert.DoesNotContain("</script>", Encoding.UTF8.GetString(body), "HTML-significant characters are escaped");
        using var json = JsonDocument.Parse(body);
        Assert.AreEqual(TestAlerts.CleanedHostileName, json.RootElement.GetProperty("device").GetProperty("name").GetString());
        Assert.AreEqual(alert.Sentence, json.RootElement.GetProperty("finding").GetProperty("sentence").GetString());
    }

    [TestMethod]
    [DataRow(500, false)]
    [DataRow(503, false)]
    [DataRow(429, false)]
    [DataRow(408, false)]
    [DataRow(400, true)]
    [DataRow(404, true)]
    [DataRow(301, true)]
    public async Task Non_2xx_answers_fail_and_say_whether_retrying_can_help(int status, bool permanent)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = status;
        await using var channel = AlertChannels.Create(receiver.Url.ToString());
        var e = await Assert.ThrowsExactlyAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.Event(), CancellationToken.None));
        Assert.AreEqual(permanent, e.IsPermanent);
        Assert.AreEqual($"webhook http://{receiver.Url.Authority}: the receiver answered HTTP {status}", e.Message);
    }

    [TestMethod]
    public async Task A_stalled_receiver_fails_within_the_timeout()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Stall();
        await using var channel = AlertChannels.Create($"{receiver.Url}#timeout=1");
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsExactlyAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.Event(), CancellationToken.None));
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
        StringAssert.Contains(e.Message, "no answer within 1 s");
        Assert.IsFalse(e.IsPermanent);
    }

    [TestMethod]
    public async Task A_closed_port_fails_with_a_clear_reason()
    {
        var port = FreePort.Tcp();
        await using var channel = AlertChannels.Create($"http://127.0.0.1:{port}/hook?token=abc");
        var e = await Assert.ThrowsExactlyAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.Event(), CancellationToken.None));
        Assert.AreEqual($"webhook http://127.0.0.1:{port}: cannot connect", e.Message);
        Assert.DoesNotContain("token", e.Message, "the URL's query is not echoed");
    }

    [TestMethod]
    public void Sign_matches_the_documented_header_format()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.AreEqual("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookChannel.Sign(Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?")));
    }
}
