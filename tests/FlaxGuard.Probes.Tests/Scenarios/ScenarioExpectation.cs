using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>What the owner must be told for one compromise: a drift change on a key of this shape, at this severity.</summary>
public sealed record ScenarioExpectation(string Change, string KeyPattern, Severity Severity)
{
    /// <summary>The suite's fixed answer key. Severities are the ones a small-office owner should act on.</summary>
    public static readonly IReadOnlyDictionary<string, ScenarioExpectation> ForCompromise = new Dictionary<string, ScenarioExpectation>
    {
        [TwinChanges.NewAdmin] = new(TwinChanges.NewAdmin, "cfg.user.*", Severity.Critical),
        [TwinChanges.SshKeyAdded] = new(TwinChanges.SshKeyAdded, "cfg.sshkey.*", Severity.Critical),
        [TwinChanges.DnsChanged] = new(TwinChanges.DnsChanged, "cfg.dns.*", Severity.Critical),
        [TwinChanges.WanAdmin] = new(TwinChanges.WanAdmin, "cfg.remote.*", Severity.High),
        [TwinChanges.TelnetEnabled] = new(TwinChanges.TelnetEnabled, "cfg.service.telnet", Severity.Critical),
        [TwinChanges.PortForward] = new(TwinChanges.PortForward, "cfg.forward.*", Severity.High),
        [TwinChanges.SchedulerFetch] = new(TwinChanges.SchedulerFetch, "cfg.scheduler.*.fetch", Severity.Critical),
        [TwinChanges.SocksProxy] = new(TwinChanges.SocksProxy, "cfg.proxy.socks", Severity.Critical),
        [TwinChanges.FirmwareDowngrade] = new(TwinChanges.FirmwareDowngrade, "fw.version", Severity.High),
        // A build the database does not know: the revision changes (or, where a vendor has no build field, the version text).
        [TwinChanges.FirmwareUnknown] = new(TwinChanges.FirmwareUnknown, "fw.*", Severity.High),
        // Where implants persist and redirect (issue 13, OpenWrt).
        [TwinChanges.RcLocal] = new(TwinChanges.RcLocal, "cfg.scheduler.rc.local.fetch", Severity.Critical),
        [TwinChanges.RootAccount] = new(TwinChanges.RootAccount, "openwrt.account.*.root", Severity.Critical),
        [TwinChanges.AccountPromotion] = new(TwinChanges.AccountPromotion, "openwrt.account.*.root", Severity.Critical),
        [TwinChanges.HostsRedirect] = new(TwinChanges.HostsRedirect, "cfg.dns.hosts.*", Severity.Critical),
        [TwinChanges.DnsmasqRedirect] = new(TwinChanges.DnsmasqRedirect, "cfg.dns.address.*", Severity.Critical),
        [TwinChanges.OverlayBinary] = new(TwinChanges.OverlayBinary, "openwrt.file.exec.*", Severity.Critical),
        [TwinChanges.TmpProcess] = new(TwinChanges.TmpProcess, "openwrt.process.tmp.*", Severity.Critical),
        [TwinChanges.DeletedProcess] = new(TwinChanges.DeletedProcess, "openwrt.process.deleted.*", Severity.Critical),
        [TwinChanges.MaliciousPackage] = new(TwinChanges.MaliciousPackage, "openwrt.package.*", Severity.High),
        [TwinChanges.WireGuardPeer] = new(TwinChanges.WireGuardPeer, "openwrt.wireguard.peer.*", Severity.Critical),
        [TwinChanges.FirewallInclude] = new(TwinChanges.FirewallInclude, "cfg.script.firewall-include.*", Severity.High),
        [TwinChanges.InitScript] = new(TwinChanges.InitScript, "openwrt.file.init.*", Severity.Critical),
    };

    public bool IsMetBy(DriftChange change) =>
        FlaxGuard.Engine.Text.Ordinal.GlobMatch(KeyPattern, change.Key) && change.Kind != DriftKind.Removed && change.Severity == Severity;
}
