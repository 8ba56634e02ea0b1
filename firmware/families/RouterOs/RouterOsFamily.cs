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
            rules.Append(new DriftRule("routeros.routerboot", DriftRule.AnyChange, Severity.High, "routeros.routerboot.any"));
            rules.Append(new DriftRule("routeros.package.*", DriftRule.Added, Severity.Medium, "routeros.package.added"));
            rules.Append(new DriftRule("routeros.channel", DriftRule.Changed, Severity.Medium, "routeros.channel.changed"));
        }
    }
}
