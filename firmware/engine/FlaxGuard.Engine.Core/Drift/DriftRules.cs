using System;
using System.Collections;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>
    /// The ordered table that rates each change; the first matching rule wins, and a change no rule names
    /// is Low. The rules follow what botnets such as the 2024 Flax Typhoon one leave behind: new
    /// accounts, changed DNS, telnet, new port mappings, altered web files, replaced firmware.
    /// </summary>
    public sealed class DriftRules
    {
        private readonly ArrayList _rules = new ArrayList();

        public int Count { get { return _rules.Count; } }

        public DriftRule this[int index] { get { return (DriftRule)_rules[index]; } }

        public void Append(DriftRule rule)
        {
            if (rule == null) throw new ArgumentNullException("rule");
            _rules.Add(rule);
        }

        /// <summary>The rule for a change, or null when no rule matches.</summary>
        public DriftRule Find(DriftKind kind, string key)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                DriftRule rule = (DriftRule)_rules[i];
                if (rule.Matches(kind, key)) return rule;
            }
            return null;
        }

        /// <summary>
        /// Appends the rules of the settings vocabulary every vendor family shares (firmware identity, accounts, SSH keys,
        /// DNS, remote management, services, proxies, schedulers, scripts, forwards, time servers). Each device family
        /// adds the rules of its own keys after these (see DeviceFamily.AddDriftRules); the table of families
        /// builds the whole set.
        /// </summary>
        public static void AppendShared(DriftRules rules)
        {
            if (rules == null) throw new ArgumentNullException("rules");
            // Firmware: a different build is either an update you made or a replacement you did not.
            rules.Append(new DriftRule("fw.*", DriftRule.AnyChange, Severity.High, "fw.any"));
            rules.Append(new DriftRule("cfg.user.*", DriftRule.Added, Severity.Critical, "cfg.user.added"));
            rules.Append(new DriftRule("cfg.user.*", DriftRule.Changed, Severity.High, "cfg.user.changed"));
            rules.Append(new DriftRule("cfg.user.*", DriftRule.Removed, Severity.Medium, "cfg.user.removed"));
            rules.Append(new DriftRule("cfg.sshkey.*", DriftRule.Added, Severity.Critical, "cfg.sshkey.added"));
            rules.Append(new DriftRule("cfg.sshkey.*", DriftRule.Changed, Severity.High, "cfg.sshkey.changed"));
            rules.Append(new DriftRule("cfg.sshkey.*", DriftRule.Removed, Severity.Low, "cfg.sshkey.removed"));
            // Answering DNS for others (an open resolver once the WAN can reach it) is high, not a redirect: many LANs need it.
            rules.Append(new DriftRule("cfg.dns.remote-requests", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.dns.remote-requests.on"));
            rules.Append(new DriftRule("cfg.dns.remote-requests", DriftRule.Removed, Severity.Info, "cfg.dns.remote-requests.off"));
            rules.Append(new DriftRule("cfg.dns.*", DriftRule.AnyChange, Severity.Critical, "cfg.dns.any"));
            rules.Append(new DriftRule("cfg.remote.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.remote.set"));
            rules.Append(new DriftRule("cfg.remote.*", DriftRule.Removed, Severity.Info, "cfg.remote.removed"));
            rules.Append(new DriftRule("cfg.service.telnet", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.service.telnet.set"));
            // ONVIF's HTTP (GetNetworkProtocols) switched on where the camera answered over HTTPS only: a downgrade that puts
            // logins and every control call on the wire unencrypted. RTSP stays medium: cameras run it for their recorder.
            rules.Append(new DriftRule("cfg.service.http", DriftRule.Added, Severity.High, "cfg.service.http.on"));
            rules.Append(new DriftRule("cfg.service.*", DriftRule.Added, Severity.Medium, "cfg.service.added"));
            rules.Append(new DriftRule("cfg.service.*", DriftRule.Changed, Severity.Medium, "cfg.service.changed"));
            rules.Append(new DriftRule("cfg.service.*", DriftRule.Removed, Severity.Info, "cfg.service.removed"));
            rules.Append(new DriftRule("cfg.proxy.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.proxy.set"));
            rules.Append(new DriftRule("cfg.scheduler.*.fetch", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.scheduler.fetch.set"));
            rules.Append(new DriftRule("cfg.scheduler.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.scheduler.set"));
            rules.Append(new DriftRule("cfg.script.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.script.set"));
            rules.Append(new DriftRule("cfg.forward.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.forward.set"));
            rules.Append(new DriftRule("cfg.forward.*", DriftRule.Removed, Severity.Info, "cfg.forward.removed"));
            rules.Append(new DriftRule("cfg.proxy.*", DriftRule.Removed, Severity.Info, "cfg.proxy.removed"));
            rules.Append(new DriftRule("cfg.scheduler.*", DriftRule.Removed, Severity.Info, "cfg.scheduler.removed"));
            rules.Append(new DriftRule("cfg.script.*", DriftRule.Removed, Severity.Info, "cfg.script.removed"));
            rules.Append(new DriftRule("cfg.ntp.*", DriftRule.AnyChange, Severity.Medium, "cfg.ntp.any"));
            // Set by the check itself (not a fact): the login the baseline's facts were read with is refused now.
            rules.Append(new DriftRule("auth.*", DriftRule.Changed, Severity.High, "auth.refused-now"));
            // Issue 13, shared by RouterOS, Hikvision and ONVIF: an account given administrator rights (new, or promoted)
            // is as serious as a new administrator; UPnP and dynamic DNS switched on.
            rules.Append(new DriftRule("cfg.admin.*", DriftRule.Added, Severity.Critical, "cfg.admin.added"));
            rules.Append(new DriftRule("cfg.admin.*", DriftRule.Changed, Severity.High, "cfg.admin.changed"));
            rules.Append(new DriftRule("cfg.admin.*", DriftRule.Removed, Severity.Low, "cfg.admin.removed"));
            rules.Append(new DriftRule("cfg.upnp", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.upnp.on"));
            rules.Append(new DriftRule("cfg.upnp", DriftRule.Removed, Severity.Info, "cfg.upnp.off"));
            rules.Append(new DriftRule("cfg.ddns.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.ddns.set"));
            rules.Append(new DriftRule("cfg.ddns.*", DriftRule.Removed, Severity.Info, "cfg.ddns.removed"));
        }

        /// <summary>Severity and code when no rule matches.</summary>
        public static Severity FallbackSeverity { get { return Severity.Low; } }

        public static string FallbackCode(DriftKind kind)
        {
            if (kind == DriftKind.Added) return "drift.added";
            if (kind == DriftKind.Removed) return "drift.removed";
            return "drift.changed";
        }
    }
}
