using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>MikroTik RouterOS 7 over its REST API.</summary>
    public sealed class RouterOsFamily : DeviceFamily
    {
        public override string Profile { get { return "routeros"; } }

        public override bool NeedsCredentials { get { return true; } }

        public override bool IsRouter { get { return true; } }

        // WebFig shares the www-ssl service with REST.
        public override string WebInterfaceScheme { get { return "https"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            // RouterOS serves REST on www-ssl; an address without a scheme means the stock HTTPS service.
            RouterOsOptions ros = new RouterOsOptions(new HttpCredentials(target.User, target.Password));
            ros.Scheme = target.SchemeOr("https");
            ros.Port = target.PortFor(ros.Scheme);
            probes.Add(new RouterOsRestProbe(ros));
            return null;
        }

        public override void AddDriftRules(DriftRules rules)
        {
            // RouterOS's own integrity evidence (issue 14): a flagged system or a failed installation check is critical.
            rules.Append(new DriftRule("routeros.device-mode.flagged", DriftRule.Added | DriftRule.Changed, Severity.Critical, "routeros.device-mode.flagged"));
            rules.Append(new DriftRule("routeros.device-mode", DriftRule.Changed, Severity.High, "routeros.device-mode.changed"));
            rules.Append(new DriftRule("routeros.installation", DriftRule.Added | DriftRule.Changed, Severity.Critical, "routeros.installation.changed"));
            rules.Append(new DriftRule("routeros.package-mismatch.*", DriftRule.Added | DriftRule.Changed, Severity.High, "routeros.package-mismatch"));
            rules.Append(new DriftRule("routeros.package-unlisted.*", DriftRule.Added | DriftRule.Changed, Severity.High, "routeros.package.unlisted"));
            rules.Append(new DriftRule("cfg.usergroup.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.usergroup.set"));
            rules.Append(new DriftRule("cfg.usergroup.*", DriftRule.Removed, Severity.Low, "cfg.usergroup.removed"));
            // Firewall: a new accept rule into the router or the LAN, a removed drop rule, a redirect.
            rules.Append(new DriftRule("cfg.firewall.*.accept.*", DriftRule.Added, Severity.High, "cfg.firewall.accept.added"));
            rules.Append(new DriftRule("cfg.firewall.*.drop.*", DriftRule.Removed, Severity.High, "cfg.firewall.drop.removed"));
            rules.Append(new DriftRule("cfg.firewall.*.reject.*", DriftRule.Removed, Severity.High, "cfg.firewall.reject.removed"));
            rules.Append(new DriftRule("cfg.firewall.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.firewall.added"));
            rules.Append(new DriftRule("cfg.firewall.*", DriftRule.Removed, Severity.Medium, "cfg.firewall.removed"));
            rules.Append(new DriftRule("cfg.nat.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.nat.added"));
            rules.Append(new DriftRule("cfg.nat.*", DriftRule.Removed, Severity.Low, "cfg.nat.removed"));
            rules.Append(new DriftRule("cfg.netwatch.*.fetch", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.netwatch.fetch.set"));
            rules.Append(new DriftRule("cfg.netwatch.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.netwatch.set"));
            rules.Append(new DriftRule("cfg.netwatch.*", DriftRule.Removed, Severity.Info, "cfg.netwatch.removed"));
            rules.Append(new DriftRule("cfg.event.*.fetch", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.event.fetch.set"));
            rules.Append(new DriftRule("cfg.event.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.event.set"));
            rules.Append(new DriftRule("cfg.event.*", DriftRule.Removed, Severity.Info, "cfg.event.removed"));
            rules.Append(new DriftRule("cfg.file.package.*", DriftRule.Added, Severity.Critical, "cfg.file.package.added"));
            rules.Append(new DriftRule("cfg.file.script.*", DriftRule.Added, Severity.High, "cfg.file.script.added"));
            rules.Append(new DriftRule("cfg.file.*", DriftRule.Removed, Severity.Info, "cfg.file.removed"));
            rules.Append(new DriftRule("cfg.cloud.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.cloud.set"));
            rules.Append(new DriftRule("cfg.cloud.*", DriftRule.Removed, Severity.Info, "cfg.cloud.removed"));
            rules.Append(new DriftRule("cfg.snmp.write.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.snmp.write.set"));
            rules.Append(new DriftRule("cfg.snmp.write.*", DriftRule.Removed, Severity.Info, "cfg.snmp.write.removed"));
            rules.Append(new DriftRule("cfg.sniffer.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.sniffer.stream.set"));
            rules.Append(new DriftRule("cfg.sniffer.*", DriftRule.Removed, Severity.Info, "cfg.sniffer.stream.removed"));
            rules.Append(new DriftRule("cfg.log.remote.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.log.remote.set"));
            rules.Append(new DriftRule("cfg.log.remote.*", DriftRule.Removed, Severity.Medium, "cfg.log.remote.removed"));
            rules.Append(new DriftRule("cfg.tunnel.server.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.tunnel.server.set"));
            rules.Append(new DriftRule("cfg.tunnel.server.*", DriftRule.Removed, Severity.Info, "cfg.tunnel.server.removed"));
            // A tunnel out to someone else's server carries the LAN to them (Meris's L2TP client "lvpn").
            rules.Append(new DriftRule("cfg.tunnel.client.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.tunnel.client.set"));
            rules.Append(new DriftRule("cfg.tunnel.client.*", DriftRule.Removed, Severity.Info, "cfg.tunnel.client.removed"));
            rules.Append(new DriftRule("cfg.tunnel.link.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.tunnel.link.set"));
            rules.Append(new DriftRule("cfg.tunnel.link.*", DriftRule.Removed, Severity.Info, "cfg.tunnel.link.removed"));
            rules.Append(new DriftRule("cfg.ppp.secret.*", DriftRule.Added, Severity.Critical, "cfg.ppp.secret.added"));
            rules.Append(new DriftRule("cfg.ppp.secret.*", DriftRule.Changed, Severity.High, "cfg.ppp.secret.changed"));
            rules.Append(new DriftRule("cfg.ppp.secret.*", DriftRule.Removed, Severity.Low, "cfg.ppp.secret.removed"));
            rules.Append(new DriftRule("cfg.wireguard.peer.*", DriftRule.Added, Severity.Critical, "cfg.wireguard.peer.added"));
            rules.Append(new DriftRule("cfg.wireguard.peer.*", DriftRule.Changed, Severity.High, "cfg.wireguard.peer.changed"));
            rules.Append(new DriftRule("cfg.wireguard.peer.*", DriftRule.Removed, Severity.Low, "cfg.wireguard.peer.removed"));
            // Issue 13's third round. Routes: a new or changed default route carries all traffic elsewhere.
            rules.Append(new DriftRule("cfg.route.*.0.0.0.0/0", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.route.default.set"));
            rules.Append(new DriftRule("cfg.route.*.::/0", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.route.default6.set"));
            rules.Append(new DriftRule("cfg.route.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.route.set"));
            rules.Append(new DriftRule("cfg.route.*", DriftRule.Removed, Severity.Low, "cfg.route.removed"));
            rules.Append(new DriftRule("cfg.routing.rule.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.routing.rule.set"));
            rules.Append(new DriftRule("cfg.routing.rule.*", DriftRule.Removed, Severity.Low, "cfg.routing.rule.removed"));
            // What DHCP tells every client: another DNS server or gateway redirects the whole LAN.
            rules.Append(new DriftRule("cfg.dhcp.network.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.dhcp.network.set"));
            rules.Append(new DriftRule("cfg.dhcp.network.*", DriftRule.Removed, Severity.Low, "cfg.dhcp.network.removed"));
            // Raw rules run before connection tracking: notrack or accept there skips the filter's stateful rules.
            rules.Append(new DriftRule("cfg.raw.*.notrack.*", DriftRule.Added, Severity.High, "cfg.raw.bypass.added"));
            rules.Append(new DriftRule("cfg.raw.*.accept.*", DriftRule.Added, Severity.High, "cfg.raw.accept.added"));
            rules.Append(new DriftRule("cfg.raw.*.drop.*", DriftRule.Removed, Severity.High, "cfg.raw.drop.removed"));
            rules.Append(new DriftRule("cfg.raw.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.raw.added"));
            rules.Append(new DriftRule("cfg.raw.*", DriftRule.Removed, Severity.Medium, "cfg.raw.removed"));
            rules.Append(new DriftRule("cfg.mangle.*.mark-routing.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.mangle.routing.added"));
            rules.Append(new DriftRule("cfg.mangle.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.mangle.added"));
            rules.Append(new DriftRule("cfg.mangle.*", DriftRule.Removed, Severity.Low, "cfg.mangle.removed"));
            rules.Append(new DriftRule("cfg.mac.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.mac.set"));
            rules.Append(new DriftRule("cfg.mac.*", DriftRule.Removed, Severity.Info, "cfg.mac.removed"));
            rules.Append(new DriftRule("cfg.btest", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.btest.set"));
            rules.Append(new DriftRule("cfg.btest", DriftRule.Removed, Severity.Info, "cfg.btest.removed"));
            rules.Append(new DriftRule("cfg.smb", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.smb.set"));
            rules.Append(new DriftRule("cfg.smb", DriftRule.Removed, Severity.Info, "cfg.smb.removed"));
            rules.Append(new DriftRule("cfg.traffic-flow.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.traffic-flow.set"));
            rules.Append(new DriftRule("cfg.traffic-flow.*", DriftRule.Removed, Severity.Info, "cfg.traffic-flow.removed"));
            rules.Append(new DriftRule("cfg.ipsec.*", DriftRule.Added, Severity.Critical, "cfg.ipsec.added"));
            rules.Append(new DriftRule("cfg.ipsec.*", DriftRule.Changed, Severity.High, "cfg.ipsec.changed"));
            rules.Append(new DriftRule("cfg.ipsec.*", DriftRule.Removed, Severity.Low, "cfg.ipsec.removed"));
            rules.Append(new DriftRule("cfg.container.*", DriftRule.Added, Severity.Critical, "cfg.container.added"));
            rules.Append(new DriftRule("cfg.container.*", DriftRule.Changed, Severity.High, "cfg.container.changed"));
            rules.Append(new DriftRule("cfg.container.*", DriftRule.Removed, Severity.Info, "cfg.container.removed"));
            rules.Append(new DriftRule("cfg.cert.ca.*", DriftRule.Added, Severity.High, "cfg.cert.ca.added"));
            rules.Append(new DriftRule("cfg.cert.ca.*", DriftRule.Changed, Severity.Medium, "cfg.cert.ca.changed"));
            rules.Append(new DriftRule("cfg.cert.ca.*", DriftRule.Removed, Severity.Info, "cfg.cert.ca.removed"));
            // Logging switched off or narrowed is how intruders hide; a new rule only logs more.
            rules.Append(new DriftRule("cfg.log.to.*", DriftRule.Changed | DriftRule.Removed, Severity.Medium, "cfg.log.rule.hidden"));
            rules.Append(new DriftRule("cfg.log.to.*", DriftRule.Added, Severity.Low, "cfg.log.rule.added"));
            rules.Append(new DriftRule("cfg.password.*", DriftRule.Changed | DriftRule.Removed, Severity.Medium, "cfg.password.changed"));
            rules.Append(new DriftRule("cfg.password.*", DriftRule.Added, Severity.Info, "cfg.password.added"));
            // Issue 13's fourth round. An address added to a list an accept rule lets in opens the router as a new accept rule would.
            rules.Append(new DriftRule("cfg.address-list.accept.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.address-list.accept.added"));
            rules.Append(new DriftRule("cfg.address-list.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.address-list.added"));
            rules.Append(new DriftRule("cfg.address-list.*", DriftRule.Removed, Severity.Low, "cfg.address-list.removed"));
            rules.Append(new DriftRule("cfg.address-list6.accept.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.address-list6.accept.added"));
            rules.Append(new DriftRule("cfg.address-list6.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.address-list6.added"));
            rules.Append(new DriftRule("cfg.address-list6.*", DriftRule.Removed, Severity.Low, "cfg.address-list6.removed"));
            // The IPv6 firewall, rated as the IPv4 one.
            rules.Append(new DriftRule("cfg.firewall6.*.accept.*", DriftRule.Added, Severity.High, "cfg.firewall6.accept.added"));
            rules.Append(new DriftRule("cfg.firewall6.*.drop.*", DriftRule.Removed, Severity.High, "cfg.firewall6.drop.removed"));
            rules.Append(new DriftRule("cfg.firewall6.*.reject.*", DriftRule.Removed, Severity.High, "cfg.firewall6.reject.removed"));
            rules.Append(new DriftRule("cfg.firewall6.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.firewall6.added"));
            rules.Append(new DriftRule("cfg.firewall6.*", DriftRule.Removed, Severity.Medium, "cfg.firewall6.removed"));
            rules.Append(new DriftRule("cfg.nat6.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.nat6.added"));
            rules.Append(new DriftRule("cfg.nat6.*", DriftRule.Removed, Severity.Low, "cfg.nat6.removed"));
            // SSH port forwarding makes the router a relay (KV-botnet, Flax Typhoon style proxies); the rest weakens logins.
            rules.Append(new DriftRule("cfg.ssh.forwarding", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.ssh.forwarding.on"));
            rules.Append(new DriftRule("cfg.ssh.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.ssh.weakened"));
            rules.Append(new DriftRule("cfg.ssh.*", DriftRule.Removed, Severity.Info, "cfg.ssh.restored"));
            // A RADIUS server that decides router logins decides who is administrator.
            rules.Append(new DriftRule("cfg.radius.login.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.radius.login.set"));
            rules.Append(new DriftRule("cfg.radius.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.radius.set"));
            rules.Append(new DriftRule("cfg.radius.*", DriftRule.Removed, Severity.Low, "cfg.radius.removed"));
            rules.Append(new DriftRule("routeros.unsupported", DriftRule.AnyChange, Severity.Info, "routeros.unsupported.changed"));
            rules.Append(new DriftRule("routeros.routerboot", DriftRule.AnyChange, Severity.High, "routeros.routerboot.any"));
            rules.Append(new DriftRule("routeros.package.*", DriftRule.Added, Severity.Medium, "routeros.package.added"));
            rules.Append(new DriftRule("routeros.channel", DriftRule.Changed, Severity.Medium, "routeros.channel.changed"));
        }
    }
}
