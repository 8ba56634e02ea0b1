using System;
using System.Collections;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>
    /// The ordered table that rates each change; the first matching rule wins, and a change no rule names
    /// is Low. The defaults follow what botnets such as the 2024 Flax Typhoon one leave behind: new
    /// accounts, changed DNS, telnet, new port mappings, altered web files, replaced firmware.
    /// </summary>
    public sealed class DriftRules
    {
        private const int Add = (int)DriftKind.Added;
        private const int Remove = (int)DriftKind.Removed;
        private const int Change = (int)DriftKind.Changed;
        private const int Any = Add | Remove | Change;

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

        public static DriftRules CreateDefault()
        {
            DriftRules r = new DriftRules();
            // Exposure: telnet is how Mirai-family botnets get in and spread.
            r.Append(new DriftRule("net.tcp.23", Add, Severity.Critical, "Telnet was opened. Mirai-family botnets break in and spread through telnet; unless you enabled it yourself, treat the device as compromised."));
            r.Append(new DriftRule("net.tcp.2323", Add, Severity.Critical, "A second telnet port (2323) was opened. Botnet implants open it to keep control; unless you enabled it yourself, treat the device as compromised."));
            r.Append(new DriftRule("net.tcp.*.banner", Any, Severity.Low, "The greeting a network service sends changed, which usually means the software behind it changed."));
            r.Append(new DriftRule("net.tcp.1080", Add, Severity.High, "A SOCKS proxy port opened. Botnets turn routers into proxies to hide their traffic."));
            r.Append(new DriftRule("net.tcp.*", Add, Severity.High, "A risky network port opened that was closed when you approved the baseline."));
            r.Append(new DriftRule("net.tcp.*", Remove, Severity.Info, "A network port that was open is now closed."));
            // Firmware: a different build is either an update you made or a replacement you did not.
            r.Append(new DriftRule("fw.*", Any, Severity.High, "The firmware changed. If you did not update the device, someone else did."));
            // Accounts, DNS and remote access: the first things an intruder changes.
            r.Append(new DriftRule("cfg.user.*", Add, Severity.Critical, "A new user account appeared on the device. Intruders add accounts to come back later."));
            r.Append(new DriftRule("cfg.user.*", Change, Severity.High, "A user account changed (password, keys or rights)."));
            r.Append(new DriftRule("cfg.user.*", Remove, Severity.Medium, "A user account was deleted. If you did not remove it, someone may be locking you out of your own device."));
            r.Append(new DriftRule("cfg.sshkey.*", Add, Severity.Critical, "A new SSH key was added, which lets someone log in without a password."));
            r.Append(new DriftRule("cfg.sshkey.*", Change, Severity.High, "An SSH key now belongs to another account or is of another kind."));
            r.Append(new DriftRule("cfg.sshkey.*", Remove, Severity.Low, "An SSH key was removed."));
            r.Append(new DriftRule("cfg.dns.*", Any, Severity.Critical, "The DNS servers changed. A hijacked DNS sends your devices to fake websites."));
            r.Append(new DriftRule("dns.answer.*", Change, Severity.High, "The router's DNS now answers a canary name differently. Canary names do not move, so the router's DNS may have been hijacked."));
            r.Append(new DriftRule("dns.answer.*", Add | Remove, Severity.Low, "The set of DNS canary names checked changed."));
            r.Append(new DriftRule("cfg.remote.*", Add | Change, Severity.High, "Management from outside your network was switched on or changed; the admin interface may now be reachable from the internet."));
            r.Append(new DriftRule("cfg.remote.*", Remove, Severity.Info, "Management from outside your network was switched off."));
            // Services, proxies, schedulers and forwards in the device's own settings (present only while enabled).
            r.Append(new DriftRule("cfg.service.telnet", Add | Change, Severity.Critical, "Telnet was switched on in the device's settings. Mirai-family botnets break in and spread through telnet; unless you enabled it yourself, treat the device as compromised."));
            r.Append(new DriftRule("cfg.service.*", Add, Severity.Medium, "A network service was switched on in the device's settings."));
            r.Append(new DriftRule("cfg.service.*", Change, Severity.Medium, "A network service now listens on another port or accepts other addresses."));
            r.Append(new DriftRule("cfg.service.*", Remove, Severity.Info, "A network service was switched off."));
            r.Append(new DriftRule("cfg.proxy.*", Add | Change, Severity.Critical, "A proxy (SOCKS or web) was switched on. Botnets such as the 2024 Flax Typhoon one turn routers into proxies that hide attackers' traffic."));
            r.Append(new DriftRule("cfg.scheduler.*.fetch", Add | Change, Severity.Critical, "A scheduled task downloads something from the internet. Botnets use this to reinstall themselves after a reboot or reset."));
            r.Append(new DriftRule("cfg.scheduler.*", Add | Change, Severity.High, "A scheduled task was added or changed on the device."));
            r.Append(new DriftRule("cfg.script.*", Add | Change, Severity.High, "A script stored on the device was added or changed."));
            r.Append(new DriftRule("cfg.forward.*", Add | Change, Severity.High, "A port forward now sends traffic from the internet to a device inside your network."));
            r.Append(new DriftRule("cfg.forward.*", Remove, Severity.Info, "A port forward was removed: one path less from the internet into your network."));
            r.Append(new DriftRule("cfg.proxy.*", Remove, Severity.Info, "A proxy was switched off."));
            r.Append(new DriftRule("cfg.scheduler.*", Remove, Severity.Info, "A scheduled task was removed."));
            r.Append(new DriftRule("cfg.script.*", Remove, Severity.Info, "A stored script was removed."));
            r.Append(new DriftRule("cfg.ntp.*", Any, Severity.Medium, "The time servers changed. Wrong time breaks certificate checks and log timelines."));
            r.Append(new DriftRule("routeros.routerboot", Any, Severity.High, "The router's boot loader (RouterBOOT) changed. If you did not upgrade it, someone else did."));
            r.Append(new DriftRule("routeros.package.*", Add, Severity.Medium, "An extra RouterOS package was enabled (for example containers), which widens what the router can run."));
            r.Append(new DriftRule("routeros.channel", Change, Severity.Medium, "The router now follows another update channel."));
            // Vendor identity and time settings that only change when the hardware or its owner does.
            r.Append(new DriftRule("hikvision.serial-digest", Change, Severity.High, "The camera reports a different serial number: the hardware was swapped, or the device is lying about itself."));
            r.Append(new DriftRule("onvif.hardware-id", Change, Severity.High, "The camera reports a different hardware identity: the device was swapped or replaced."));
            r.Append(new DriftRule("onvif.dns.from-dhcp", Change, Severity.Medium, "The camera now takes its DNS servers from another source (DHCP or fixed settings)."));
            r.Append(new DriftRule("onvif.ntp.from-dhcp", Change, Severity.Medium, "The camera now takes its time servers from another source (DHCP or fixed settings)."));
            r.Append(new DriftRule("onvif.datetime-type", Change, Severity.Medium, "The camera no longer sets its clock the same way (time servers switched on or off)."));
            r.Append(new DriftRule("hikvision.time.mode", Change, Severity.Medium, "The camera no longer sets its clock the same way (time servers switched on or off)."));
            r.Append(new DriftRule("upnp.map.*", Add, Severity.High, "A new port mapping opens a path from the internet into your network."));
            // Web interface: changed files of the admin UI point to tampering unless the firmware changed too.
            r.Append(new DriftRule("http.asset.*", Change, Severity.High, "A file of the device's web interface changed. Unless the firmware was updated, it may have been tampered with."));
            r.Append(new DriftRule("http.asset.*", Add | Remove, Severity.Medium, "The set of files the web interface serves changed."));
            r.Append(new DriftRule("tls.cert.*", Any, Severity.Medium, "The device's TLS certificate changed. Expected after a reset or update; otherwise someone may be impersonating it."));
            r.Append(new DriftRule("http.server", Any, Severity.Medium, "The web server software reported by the device changed."));
            r.Append(new DriftRule("http.*", Any, Severity.Low, "The device's web interface answers differently than before."));
            // SNMP: what the agent says it is and what runs on it.
            r.Append(new DriftRule("snmp.process.*", Add, Severity.High, "A program that was not running before now runs on the device (seen over SNMP). Botnet implants run as new processes; unless you installed or enabled something, investigate."));
            r.Append(new DriftRule("snmp.process.*", Remove, Severity.Low, "A program that was running before no longer runs on the device."));
            r.Append(new DriftRule("snmp.entity.*", Any, Severity.High, "A firmware or software revision reported over SNMP changed. If you did not update the device, someone else did."));
            r.Append(new DriftRule("snmp.sys.descr", Any, Severity.High, "The system description reported over SNMP changed, which usually means different firmware."));
            r.Append(new DriftRule("snmp.sys.objectid", Any, Severity.High, "The device reports a different SNMP identity (sysObjectID): a different model or replaced firmware."));
            r.Append(new DriftRule("snmp.*", Any, Severity.Medium, "A setting reported over SNMP (name, contact or location) changed."));
            // UPnP: a mapping that now leads elsewhere is as bad as a new one; the public address moves by itself.
            r.Append(new DriftRule("upnp.map.*", Change, Severity.High, "An existing port mapping now leads to a different device or port inside your network."));
            r.Append(new DriftRule("upnp.map.*", Remove, Severity.Info, "A port mapping was removed: one path less from the internet into your network."));
            r.Append(new DriftRule("upnp.mapping.*.enabled", Change, Severity.Medium, "A port mapping was switched on or off."));
            r.Append(new DriftRule("upnp.igd", Change, Severity.Medium, "UPnP on the router was switched on or off. While it is on, any program on your network can open ports to the internet."));
            r.Append(new DriftRule("upnp.external_ip", Any, Severity.Info, "The router's public address changed. Providers reassign addresses; this matters only if yours is meant to be fixed."));
            r.Append(new DriftRule("upnp.device.*", Any, Severity.Medium, "The router describes itself differently over UPnP (maker, model or firmware). Expected after a firmware update; otherwise find out why."));
            return r;
        }

        /// <summary>Severity and explanation when no rule matches.</summary>
        public static Severity FallbackSeverity { get { return Severity.Low; } }

        public static string FallbackExplanation(DriftKind kind)
        {
            if (kind == DriftKind.Added) return "Something new appeared that was not there when you approved the baseline.";
            if (kind == DriftKind.Removed) return "Something present when you approved the baseline is gone.";
            return "A setting or value differs from the approved baseline.";
        }
    }
}
