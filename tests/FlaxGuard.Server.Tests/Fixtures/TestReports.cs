using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Tests.Fixtures;

/// <summary>Signed reports as an appliance would send them.</summary>
public static class TestReports
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A router's facts; <paramref name="compromised"/> adds a telnet service and a new admin, as a botnet would.</summary>
    public static FactSet RouterFacts(bool compromised = false, string firmware = "23.05.3", int padding = 0)
    {
        var facts = new FactSet();
        facts.Add("fw.vendor", "openwrt", FactKind.Firmware);
        facts.Add("fw.version", firmware, FactKind.Firmware);
        facts.Add("cfg.user.root", "admin", FactKind.Config);
        facts.Add("cfg.dns.server.192.0.2.1", "configured", FactKind.Config);
        facts.Add("net.tcp.443", "open", FactKind.Exposure);
        for (var i = 0; i < padding; i++) facts.Add($"http.asset.{i:D4}", new string((char)('a' + i % 26), 40), FactKind.Asset);
        if (compromised)
        {
            facts.Add("cfg.service.telnet", "port=23 from=any", FactKind.Config);
            facts.Add("cfg.user.svc", "admin", FactKind.Config);
        }
        return facts;
    }

    public static Report Make(string applianceId, long counter, string deviceId, FactSet facts, long? timestamp = null, params Verdict[] verdicts) =>
        new(applianceId, counter, timestamp ?? Now, [new ReportTarget(deviceId, facts, verdicts)]);

    public static byte[] Seal(Report report, byte[] key) => ReportEnvelope.Seal(report, key);

    /// <summary>What the API hands the store for a report: SHA-256 of its sealed bytes (here under a fixed test key).</summary>
    public static byte[] DigestOf(Report report) => System.Security.Cryptography.SHA256.HashData(ReportEnvelope.Seal(report, DigestKey));

    private static readonly byte[] DigestKey = Enumerable.Repeat((byte)7, 32).ToArray();

    public static IngestItem Item(Report report, int sizeBytes, long receivedAt, int? queueLength) => new(report, sizeBytes, receivedAt, queueLength, DigestOf(report));
}
