using System.Net;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes.Hikvision;
using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins.Hikvision;

namespace FlaxGuard.Probes.Tests.Hikvision;

/// <summary>
/// Bad input: after a correct login the camera sends truncated, oversized, deeply nested, wrongly typed or
/// entity-laden answers, or stalls. Each must end as one "could not verify" with a reason, within the probe's bounds.
/// </summary>
[TestClass]
public sealed class HikvisionHostileTests
{
    private const int RequestTimeoutMs = 3000;

    private static IsapiOptions Tight(HikvisionTwin twin)
    {
        var options = HikvisionHarness.Options(twin);
        options.RequestTimeoutMs = RequestTimeoutMs;
        options.TotalTimeMs = 10_000;
        return options;
    }

    [TestMethod]
    [DataRow(HikvisionHostility.TruncatedXml, IsapiProbe.DeviceInfoPath, "ended before the document was complete")]
    [DataRow(HikvisionHostility.CutConnection, IsapiProbe.DeviceInfoPath, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HikvisionHostility.Oversized, IsapiProbe.DeviceInfoPath, "is larger than 65536 bytes")]
    [DataRow(HikvisionHostility.DeeplyNested, IsapiProbe.DeviceInfoPath, "nested deeper than 16 levels")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.DeviceInfoPath, "<firmwareVersion>, where ISAPI puts a plain value")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.UsersPath, "<userName>, where ISAPI puts a plain value")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.InterfacesPath, "DNS server \"nine.nine\" that is not an IP address")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.TelnetPath, "<enabled> \"maybe\", which is not true or false")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.TimePath, "<timeMode>, where ISAPI puts a plain value")]
    [DataRow(HikvisionHostility.EntityExpansion, IsapiProbe.DeviceInfoPath, "declares a document type (DTD)")]
    [DataRow(HikvisionHostility.ExternalEntity, IsapiProbe.DeviceInfoPath, "declares a document type (DTD)")]
    [DataRow(HikvisionHostility.UndefinedEntity, IsapiProbe.DeviceInfoPath, "uses an entity XML does not define")]
    [DataRow(HikvisionHostility.HtmlPage, IsapiProbe.DeviceInfoPath, "is not XML (Content-Type text/html)")]
    [DataRow(HikvisionHostility.MissingMembers, IsapiProbe.DeviceInfoPath, "has no <model>")]
    [DataRow(HikvisionHostility.MissingMembers, IsapiProbe.SshPath, "has no <enabled> switch")]
    [DataRow(HikvisionHostility.TruncatedXml, IsapiProbe.NtpServersPath, "ended before the document was complete")]
    [DataRow(HikvisionHostility.Stall, IsapiProbe.DeviceInfoPath, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.OnvifUsersPath, "<userName>, where ISAPI puts a plain value")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.LoginLockPath, "<enabled> \"maybe\", which is not true or false")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.IpFilterPath, "<enabled> \"maybe\", which is not true or false")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.SnmpPath, "<enabled> \"maybe\", which is not true or false")]
    [DataRow(HikvisionHostility.WrongTypes, IsapiProbe.MailingPath, "<emailAddress>, where ISAPI puts a plain value")]
    [DataRow(HikvisionHostility.MissingMembers, IsapiProbe.IpFilterPath, "has no <enabled> switch")]
    [DataRow(HikvisionHostility.MissingMembers, IsapiProbe.LoginLockPath, "has no <enabled> switch")]
    // The twin's oversized and nested answers are DeviceInfo documents: refused at their first element, long before any bound.
    [DataRow(HikvisionHostility.Oversized, IsapiProbe.NasPath, "is not an ISAPI <nasList> document")]
    [DataRow(HikvisionHostility.DeeplyNested, IsapiProbe.AdminAccessPath, "is not an ISAPI <AdminAccessProtocolList> document")]
    [DataRow(HikvisionHostility.TruncatedXml, IsapiProbe.FtpPath, "ended before the document was complete")]
    public async Task HostileAnswer_IsCouldNotVerify_WithinBounds(HikvisionHostility hostility, string path, string reason)
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.SetHostility(hostility, path);
        var (output, elapsed) = HikvisionHarness.Run(twin, Tight(twin));
        var verdict = HikvisionHarness.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, reason);
        StringAssert.Contains(verdict.Message, path);
        // HttpClientTransport ends a stalled body read about two seconds after its time limit (see the report).
        Assert.IsLessThan(RequestTimeoutMs + 3000, elapsed, $"{hostility} on {path} took {elapsed} ms");
        Assert.IsFalse(output.Facts.Contains("cfg.service.telnet"));
        Assert.AreEqual(0, twin.Digest.FailedLogins);
    }

    [TestMethod]
    [DataRow(HostileBehavior.HugeBody, "larger than 65536 bytes")]
    [DataRow(HostileBehavior.Silent, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HostileBehavior.SlowBody, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HostileBehavior.NotHttp, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HostileBehavior.EndlessHeaders, "could not read /ISAPI/System/deviceInfo")]
    [DataRow(HostileBehavior.CloseMidBody, "could not read /ISAPI/System/deviceInfo")]
    public async Task HostileHttpServer_IsCouldNotVerify_WithinBounds(HostileBehavior behavior, string reason)
    {
        await using var server = new HostileHttpServer(HikvisionHarness.NextAddress(), behavior);
        var options = new IsapiOptions(new HttpCredentials(HikvisionHarness.User, HikvisionHarness.Password)) { Port = server.Port, RequestTimeoutMs = RequestTimeoutMs, TotalTimeMs = 10_000 };
        var (output, elapsed) = HikvisionHarness.Run(server.Address.ToString(), options);
        var verdict = HikvisionHarness.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, reason);
        Assert.AreEqual(0, output.Facts.Count);
        // The first request has no credentials and the second repeats it: two request bounds at most.
        Assert.IsLessThan(2 * RequestTimeoutMs + 2000, elapsed, $"{behavior} took {elapsed} ms");
        Assert.IsLessThanOrEqualTo(2, server.Connections, $"{behavior}: {server.Connections} connections");
    }

    [TestMethod]
    public async Task TheWholeRun_IsBoundedByTheTotalTime()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.SetHostility(HikvisionHostility.Stall, IsapiProbe.TimePath);
        var options = HikvisionHarness.Options(twin);
        options.RequestTimeoutMs = 5000;
        options.TotalTimeMs = 1500;
        var (output, elapsed) = HikvisionHarness.Run(twin, options);
        var verdict = HikvisionHarness.SingleUnverified(output);
        Assert.IsTrue(verdict.Message.Contains("could not read /ISAPI/System/time", StringComparison.Ordinal) || verdict.Message.Contains("ran out", StringComparison.Ordinal), verdict.Message);
        Assert.IsLessThan(options.TotalTimeMs + 3000, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task HostileUserNames_BecomeSafeKeys()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s =>
        {
            s.Users.Add(new HikvisionUser(9, "bad=name with space", "Operator", "x"));
            s.Users.Add(new HikvisionUser(10, "ünï", "Viewer", "y"));
        });
        var lines = HikvisionHarness.Lines(HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output));
        CollectionAssert.Contains(lines, "cfg.user.bad%3Dname%20with%20space=operator");
        CollectionAssert.Contains(lines, "cfg.user.%C3%BCn%C3%AF=viewer");
    }

    [TestMethod]
    public async Task AHugeFileInTheWebRoot_IsFoundWithoutReadingItAll()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s => s.WebRootDrops["/c"] = new string('A', 4 * 1024 * 1024));
        var (output, elapsed) = HikvisionHarness.Run(twin, Tight(twin));
        Assert.AreEqual("present", output.Facts.Get("cfg.camera.webshell.c")!.Value);
        Assert.AreEqual("exposure.cve-2021-36260-file", output.Verdicts().Single().Code);
        Assert.IsLessThan(RequestTimeoutMs + 3000, elapsed, $"took {elapsed} ms");
    }
}
