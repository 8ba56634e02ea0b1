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
        [TwinChanges.UciTunnel] = new(TwinChanges.UciTunnel, "openwrt.tunnel.*", Severity.Critical),
        [TwinChanges.FirewallInclude] = new(TwinChanges.FirewallInclude, "cfg.script.firewall-include.*", Severity.High),
        [TwinChanges.InitScript] = new(TwinChanges.InitScript, "openwrt.file.init.*", Severity.Critical),
        // Issue 13, second round: feeds, reflash survivors, login hooks, admin services, routes, the live ruleset.
        [TwinChanges.FeedAdded] = new(TwinChanges.FeedAdded, "openwrt.feed.203.0.113.9", Severity.Critical),
        [TwinChanges.FeedUnsigned] = new(TwinChanges.FeedUnsigned, "openwrt.feed.signature", Severity.Critical),
        [TwinChanges.KeepAcrossUpgrade] = new(TwinChanges.KeepAcrossUpgrade, "openwrt.keep.*", Severity.High),
        [TwinChanges.ProfileFetch] = new(TwinChanges.ProfileFetch, "openwrt.hook.profile.fetch", Severity.Critical),
        [TwinChanges.RootSshKey] = new(TwinChanges.RootSshKey, "cfg.sshkey.*", Severity.Critical),
        [TwinChanges.WebInterpreter] = new(TwinChanges.WebInterpreter, "openwrt.web.interpreter.*", Severity.Critical),
        [TwinChanges.SshPasswordOn] = new(TwinChanges.SshPasswordOn, "openwrt.ssh.*", Severity.High),
        [TwinChanges.StaticRoute] = new(TwinChanges.StaticRoute, "openwrt.route.*", Severity.High),
        [TwinChanges.NftAccept] = new(TwinChanges.NftAccept, "openwrt.nft.open.inet.fw4.input.*", Severity.Critical),
        [TwinChanges.NftTable] = new(TwinChanges.NftTable, "openwrt.nft.open.ip.sysmon.pre.*", Severity.Critical),
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
        // Issue 13's third RouterOS round.
        [TwinChanges.ServiceOpened] = new(TwinChanges.ServiceOpened, "cfg.remote.api", Severity.High),
        [TwinChanges.WebProxyOpen] = new(TwinChanges.WebProxyOpen, "cfg.proxy.web.open", Severity.Critical),
        [TwinChanges.DhcpDnsPushed] = new(TwinChanges.DhcpDnsPushed, "cfg.dhcp.network.*", Severity.Critical),
        [TwinChanges.RawBypass] = new(TwinChanges.RawBypass, "cfg.raw.prerouting.notrack.*", Severity.High),
        [TwinChanges.MangleRoute] = new(TwinChanges.MangleRoute, "cfg.mangle.prerouting.mark-routing.*", Severity.High),
        [TwinChanges.DefaultRoute] = new(TwinChanges.DefaultRoute, "cfg.route.*.0.0.0.0/0", Severity.Critical),
        [TwinChanges.RoutingRule] = new(TwinChanges.RoutingRule, "cfg.routing.rule.*", Severity.High),
        [TwinChanges.MacOpen] = new(TwinChanges.MacOpen, "cfg.mac.*", Severity.High),
        [TwinChanges.BandwidthTestOpen] = new(TwinChanges.BandwidthTestOpen, "cfg.btest", Severity.Medium),
        [TwinChanges.SmbOn] = new(TwinChanges.SmbOn, "cfg.smb", Severity.High),
        [TwinChanges.FlowExport] = new(TwinChanges.FlowExport, "cfg.traffic-flow.target.*", Severity.Critical),
        [TwinChanges.IpsecPeer] = new(TwinChanges.IpsecPeer, "cfg.ipsec.peer.*", Severity.Critical),
        [TwinChanges.ContainerAdded] = new(TwinChanges.ContainerAdded, "cfg.container.*", Severity.Critical),
        [TwinChanges.TrustedCa] = new(TwinChanges.TrustedCa, "cfg.cert.ca.*", Severity.High),
        [TwinChanges.LoggingHidden] = new(TwinChanges.LoggingHidden, "cfg.log.to.*", Severity.Medium),
        [TwinChanges.PasswordPolicy] = new(TwinChanges.PasswordPolicy, "cfg.password.*", Severity.Medium),
        // Issue 13's fourth RouterOS round.
        [TwinChanges.AddressListTrusted] = new(TwinChanges.AddressListTrusted, "cfg.address-list.accept.mgmt.*", Severity.High),
        [TwinChanges.AddressList6Trusted] = new(TwinChanges.AddressList6Trusted, "cfg.address-list6.accept.mgmt6.*", Severity.High),
        [TwinChanges.Firewall6Opened] = new(TwinChanges.Firewall6Opened, "cfg.firewall6.input.accept.*", Severity.High),
        [TwinChanges.Nat6Redirect] = new(TwinChanges.Nat6Redirect, "cfg.nat6.dstnat.redirect.*", Severity.High),
        [TwinChanges.DefaultRoute6] = new(TwinChanges.DefaultRoute6, "cfg.route.*.::/0", Severity.Critical),
        [TwinChanges.SshForwarding] = new(TwinChanges.SshForwarding, "cfg.ssh.forwarding", Severity.High),
        [TwinChanges.SshWeakened] = new(TwinChanges.SshWeakened, "cfg.ssh.password-login", Severity.Medium),
        [TwinChanges.RadiusLogin] = new(TwinChanges.RadiusLogin, "cfg.radius.login.*", Severity.Critical),
        [TwinChanges.OpenResolver] = new(TwinChanges.OpenResolver, "cfg.dns.remote-requests", Severity.High),
        [TwinChanges.NtpServer] = new(TwinChanges.NtpServer, "cfg.ntp.server.*", Severity.Medium),
        [TwinChanges.UnlistedPackage] = new(TwinChanges.UnlistedPackage, "routeros.package-unlisted.*", Severity.High),
        [TwinChanges.SshEnabled] = new(TwinChanges.SshEnabled, "cfg.camera.ssh", Severity.High),
        [TwinChanges.PlatformAccess] = new(TwinChanges.PlatformAccess, "cfg.remote.*", Severity.High),
        [TwinChanges.PushTarget] = new(TwinChanges.PushTarget, "cfg.push.*", Severity.High),
        [TwinChanges.RtspAuthWeak] = new(TwinChanges.RtspAuthWeak, "cfg.rtsp.auth", Severity.High),
        [TwinChanges.DiscoveryOn] = new(TwinChanges.DiscoveryOn, "cfg.discovery", Severity.Medium),
        [TwinChanges.RemoteUser] = new(TwinChanges.RemoteUser, "cfg.remote-user", Severity.High),
        [TwinChanges.GatewayChanged] = new(TwinChanges.GatewayChanged, "cfg.gateway.*", Severity.High),
        // Issue 13, camera depth: a CVE-2021-36260 file in the web root is proof of code execution; the rest keeps a camera
        // open to its intruder or sends footage elsewhere.
        [TwinChanges.WebShell] = new(TwinChanges.WebShell, "cfg.camera.webshell.*", Severity.Critical),
        [TwinChanges.OnvifUserAdded] = new(TwinChanges.OnvifUserAdded, "cfg.camera.onvif-admin.*", Severity.Critical),
        [TwinChanges.LoginLockOff] = new(TwinChanges.LoginLockOff, "cfg.camera.login-lock", Severity.High),
        [TwinChanges.IpFilterRemoved] = new(TwinChanges.IpFilterRemoved, "cfg.camera.ipfilter", Severity.High),
        [TwinChanges.AccessPortChanged] = new(TwinChanges.AccessPortChanged, "cfg.camera.port.*", Severity.High),
        [TwinChanges.CameraSnmpOn] = new(TwinChanges.CameraSnmpOn, "cfg.camera.snmp.*", Severity.High),
        [TwinChanges.FtpTarget] = new(TwinChanges.FtpTarget, "cfg.camera.upload.ftp.*", Severity.High),
        [TwinChanges.MailTarget] = new(TwinChanges.MailTarget, "cfg.camera.upload.mailto.*", Severity.High),
        [TwinChanges.NasTarget] = new(TwinChanges.NasTarget, "cfg.camera.upload.nas.*", Severity.High),
        [TwinChanges.HostnameChanged] = new(TwinChanges.HostnameChanged, "onvif.hostname", Severity.Medium),
        [TwinChanges.ScopeAdded] = new(TwinChanges.ScopeAdded, "onvif.scope.*", Severity.Medium),
        [TwinChanges.CleartextHttpOn] = new(TwinChanges.CleartextHttpOn, "cfg.service.http", Severity.High),
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
