using System.Text;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Fuzz.Fakes;
using FlaxGuard.Fuzz.Targets;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Fuzz.Seeds;

/// <summary>
/// Writes the seeds that must be made rather than typed: sealed with the test key (report, job), compiled by the
/// repository's own compiler (hash database), checksummed (baseline) or binary (SNMP, DNS). The typed seeds (JSON,
/// XML, HTTP, Digest, SSDP) are checked in as they are. Run `write-seeds tests/FlaxGuard.Fuzz/corpus` after a format
/// change and commit the result.
/// </summary>
public static class SeedWriter
{
    public static IEnumerable<string> WriteAll(string corpusDirectory)
    {
        var seeds = new List<(string Target, string File, byte[] Bytes)>
        {
            ("report", "sealed-report.bin", ReportEnvelope.Seal(SampleReport(), FuzzKeys.ApplianceKey)),
            ("report", "sealed-report-empty.bin", ReportEnvelope.Seal(new Report(FuzzKeys.DeviceId, 1, FixedClock.UnixSeconds, []), FuzzKeys.ApplianceKey)),
            ("report", "sealed-lan-inventory.bin", ReportEnvelope.Seal(new Report(FuzzKeys.DeviceId, 2, FixedClock.UnixSeconds, new LanInventory("192.0.2.0/24",
            [
                new LanDevice("192.0.2.1") { Mac = "02:00:00:00:00:01", Vendor = "OpenWrt", Model = "FlaxRouter", Kind = "router", Profile = "openwrt", Confidence = "high", Reason = "it says it runs OpenWrt", Sources = 9, Ports = [80, 443] },
                new LanDevice("192.0.2.20") { Name = "flaxnas", Kind = "nas", Profile = "web", Confidence = "medium", Sources = 2 },
            ], 4000, 1)), FuzzKeys.ApplianceKey)),
            ("job", "sealed-job.bin", JobEnvelope.Seal(SampleJob(), FuzzKeys.ApplianceKey, FuzzKeys.JobNonce)),
            ("hashdb", "tiny.fgdb", TinyHashDatabase()),
            ("baseline", "openwrt-router.txt", Encoding.UTF8.GetBytes(BaselineText.Format(SampleBaseline()))),
            ("snmp-ber", "v2c-system-group.ber", SnmpSeeds.SystemGroupResponse()),
            ("snmp-ber", "v2c-end-of-mib.ber", SnmpSeeds.EndOfMibResponse()),
            ("snmp-ber", "v2c-error-status.ber", SnmpSeeds.ErrorResponse()),
            ("snmp-ber", "v3-discovery-report.ber", SnmpSeeds.DiscoveryReport()),
            ("dns", "a-with-cname.dns", DnsSeeds.AnswerWithCname()),
            ("dns", "aaaa.dns", DnsSeeds.AaaaAnswer()),
            ("dns", "nxdomain-with-soa.dns", DnsSeeds.NameErrorWithSoa()),
        };
        foreach (var (target, file, bytes) in seeds)
        {
            string folder = Path.Combine(corpusDirectory, target);
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, file);
            File.WriteAllBytes(path, bytes);
            yield return path;
        }
    }

    private static FactSet RouterFacts()
    {
        var facts = new FactSet();
        facts.Add("fw.version", "OpenWrt 23.05.3 r23809-234f1a2efa", FactKind.Firmware);
        facts.Add("id.board", "tplink,archer-c7-v2", FactKind.Identity);
        facts.Add("cfg.dropbear.0.Port", "22", FactKind.Config);
        facts.Add("cfg.firewall.redirect.0", "wan tcp 2323 -> 198.51.100.20:23", FactKind.Config);
        facts.Add("net.tcp.23", "open", FactKind.Exposure);
        facts.Add("http.asset./luci-static/resources/luci.js.sha256", "3a7f0c5d2e1b4a69887766554433221100ffeeddccbbaa998877665544332211", FactKind.Asset);
        facts.Add("cfg.system.hostname", "Büro \\ 2. OG", FactKind.Config);
        return facts;
    }

    private static Report SampleReport()
    {
        var verdicts = new[]
        {
            new Verdict(VerdictKind.Exposure, Severity.Critical, "exposure.telnet", "net.tcp.23", "Telnet is open to the LAN."),
            Verdict.Unverified("http-fingerprint", "timed out"),
        };
        return new Report(FuzzKeys.DeviceId, 7, FixedClock.UnixSeconds,
            [new ReportTarget("router", RouterFacts(), verdicts), new ReportTarget("cam ü", new FactSet(), [])]);
    }

    private static Job SampleJob() => new(
        FuzzKeys.DeviceId, 5, FixedClock.UnixSeconds, 300, "hashdb-2026.11.27",
        [
            new JobTarget("t-1", "Office router", "192.0.2.1", "openwrt", "default,8000-8010", "root", "s3cret-pässword", BaselineText.Format(SampleBaseline()),
                new FlaxGuard.Engine.Families.ProbeSettings { TrustedResolver = "192.0.2.53:5353", SnmpUser = "monitor", SnmpAuthPassword = "auth-pass-1", SnmpPrivPassword = "priv-pass-2" }),
            // Format 5: each target its own full-inventory interval (here 6 h).
            new JobTarget("t-2", "Camera", "https://203.0.113.9:8443", "hikvision", "", "admin", "12345", null, null, false, 6 * 3600),
        ],
        reportHighWater: 41);

    private static Baseline SampleBaseline() => new("192.0.2.1", FixedClock.UnixSeconds, RouterFacts());

    private static byte[] TinyHashDatabase()
    {
        var artifacts = new List<(string, string, string, byte[])>
        {
            (HashDbTarget.Vendor, HashDbTarget.Model, HashDbTarget.Version, HashDbTarget.ArtifactSha256),
            (HashDbTarget.Vendor, HashDbTarget.Model, "23.05.2", System.Security.Cryptography.SHA256.HashData("fuzz seed: 23.05.2"u8)),
            (HashDbTarget.Vendor, "GL.iNet GL-MT3000", HashDbTarget.Version, System.Security.Cryptography.SHA256.HashData("fuzz seed: mt3000"u8)),
        };
        var exploits = new List<KnownExploitedRow>
        {
            new(HashDbTarget.ExploitVendor, "IP cameras", "camera", "DS-2CD*", "<5.5.0", "5.5.0", "CVE-2017-7921", "2021-11-03", "yes",
                "https://example.invalid/advisory", "fuzz seed"),
            new(HashDbTarget.Vendor, "OpenWrt", "router", "*", ">=23.05.0,<23.05.4", "23.05.4", "CVE-2024-0000", "", "no",
                "https://example.invalid/openwrt", "fuzz seed"),
        };
        using var stream = new MemoryStream();
        DatabaseCompiler.Compile(artifacts, exploits, new CompileOptions(3, new byte[8], FuzzKeys.ApplianceKey, FixedClock.UnixSeconds), stream);
        return stream.ToArray();
    }
}
