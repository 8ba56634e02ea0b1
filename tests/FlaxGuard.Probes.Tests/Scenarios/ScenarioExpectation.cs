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
        [TwinChanges.UciWireGuardPeer] = new(TwinChanges.UciWireGuardPeer, "openwrt.wireguard.peer.*", Severity.Critical),
        [TwinChanges.FirewallInclude] = new(TwinChanges.FirewallInclude, "cfg.script.firewall-include.*", Severity.High),
        [TwinChanges.InitScript] = new(TwinChanges.InitScript, "openwrt.file.init.*", Severity.Critical),
        // Issue 13 and 14: promoting an account is as serious as a new administrator.
        [TwinChanges.AdminPromoted] = new(TwinChanges.AdminPromoted, "cfg.admin.*", Severity.Critical),
        [TwinChanges.GroupEscalated] = new(TwinChanges.GroupEscalated, "cfg.admin.*", Severity.Critical),
        [TwinChanges.DnsStatic] = new(TwinChanges.DnsStatic, "cfg.dns.static.*", Severity.Critical),
        [TwinChanges.FirewallOpened] = new(TwinChanges.FirewallOpened, "cfg.firewall.input.accept.*", Severity.High),
        [TwinChanges.NatRedirect] = new(TwinChanges.NatRedirect, "cfg.nat.dstnat.redirect.*", Severity.High),
        [TwinChanges.FileDropped] = new(TwinChanges.FileDropped, "cfg.file.package.*", Severity.Critical),
        [TwinChanges.NetwatchFetch] = new(TwinChanges.NetwatchFetch, "cfg.netwatch.*.fetch", Severity.Critical),
        [TwinChanges.FetchObfuscated] = new(TwinChanges.FetchObfuscated, "cfg.scheduler.*.fetch", Severity.Critical),
        [TwinChanges.FetchImported] = new(TwinChanges.FetchImported, "cfg.scheduler.*.fetch", Severity.Critical),
        [TwinChanges.RemoteLog] = new(TwinChanges.RemoteLog, "cfg.log.remote.*", Severity.High),
        [TwinChanges.VpnAccount] = new(TwinChanges.VpnAccount, "cfg.ppp.secret.*", Severity.Critical),
        [TwinChanges.WireGuardPeer] = new(TwinChanges.WireGuardPeer, "cfg.wireguard.peer.*", Severity.Critical),
        [TwinChanges.DdnsOn] = new(TwinChanges.DdnsOn, "cfg.*ddns*", Severity.High),
        [TwinChanges.UpnpOn] = new(TwinChanges.UpnpOn, "cfg.upnp", Severity.High),
        [TwinChanges.SnmpWrite] = new(TwinChanges.SnmpWrite, "cfg.snmp.write.*", Severity.Critical),
        [TwinChanges.SnifferStream] = new(TwinChanges.SnifferStream, "cfg.sniffer.stream", Severity.Critical),
        [TwinChanges.TunnelClient] = new(TwinChanges.TunnelClient, "cfg.tunnel.client.*", Severity.Critical),
        [TwinChanges.TunnelLink] = new(TwinChanges.TunnelLink, "cfg.tunnel.link.*", Severity.High),
        [TwinChanges.RomonOn] = new(TwinChanges.RomonOn, "cfg.remote.romon", Severity.High),
        [TwinChanges.DeviceFlagged] = new(TwinChanges.DeviceFlagged, "routeros.device-mode.flagged", Severity.Critical),
        [TwinChanges.InstallDamaged] = new(TwinChanges.InstallDamaged, "routeros.installation", Severity.Critical),
        [TwinChanges.PackageMismatch] = new(TwinChanges.PackageMismatch, "routeros.package-mismatch.*", Severity.High),
        [TwinChanges.UnlistedPackage] = new(TwinChanges.UnlistedPackage, "routeros.package-unlisted.*", Severity.High),
        [TwinChanges.SshEnabled] = new(TwinChanges.SshEnabled, "cfg.camera.ssh", Severity.High),
        [TwinChanges.PlatformAccess] = new(TwinChanges.PlatformAccess, "cfg.remote.*", Severity.High),
        [TwinChanges.PushTarget] = new(TwinChanges.PushTarget, "cfg.push.*", Severity.High),
        [TwinChanges.RtspAuthWeak] = new(TwinChanges.RtspAuthWeak, "cfg.rtsp.auth", Severity.High),
        [TwinChanges.DiscoveryOn] = new(TwinChanges.DiscoveryOn, "cfg.discovery", Severity.Medium),
        [TwinChanges.RemoteUser] = new(TwinChanges.RemoteUser, "cfg.remote-user", Severity.High),
        [TwinChanges.GatewayChanged] = new(TwinChanges.GatewayChanged, "cfg.gateway.*", Severity.High),
        // Web interface tampering: code from another site is critical, a new inline script high.
        [TwinChanges.InlineScript] = new(TwinChanges.InlineScript, "http.script.inline.*", Severity.High),
        [TwinChanges.ExternalScript] = new(TwinChanges.ExternalScript, "http.script.origin.*", Severity.Critical),
        [TwinChanges.ExternalFrame] = new(TwinChanges.ExternalFrame, "http.iframe.origin.*", Severity.Critical),
        [TwinChanges.FormHijack] = new(TwinChanges.FormHijack, "http.form.origin.*", Severity.Critical),
        // A changed file of the firmware's web interface with the firmware unchanged: high, and the fleet's peers disagree.
        [TwinChanges.WebFileChanged] = new(TwinChanges.WebFileChanged, "http.asset.*", Severity.High),
        [TwinChanges.EventHandler] = new(TwinChanges.EventHandler, "http.handler.inline.*", Severity.High),
        [TwinChanges.ExternalObject] = new(TwinChanges.ExternalObject, "http.object.origin.*", Severity.Critical),
        [TwinChanges.CodePreload] = new(TwinChanges.CodePreload, "http.link.origin.*", Severity.Critical),
        [TwinChanges.RefreshRedirect] = new(TwinChanges.RefreshRedirect, "http.refresh.origin.*", Severity.Critical),
        [TwinChanges.BaseHijack] = new(TwinChanges.BaseHijack, "http.base.origin.*", Severity.Critical),
    };

    public bool IsMetBy(DriftChange change) =>
        FlaxGuard.Engine.Text.Ordinal.GlobMatch(KeyPattern, change.Key) && change.Kind != DriftKind.Removed && change.Severity == Severity;
}
