using System.Collections.Frozen;
using FlaxGuard.Engine.Drift;

namespace FlaxGuard.Wording;

/// <summary>
/// The sentence an owner reads for each drift code the engine's rules give (firmware/engine/.../DriftRules.cs and each
/// family's AddDriftRules). A code without a sentence falls back to the plain sentence of its kind of change, so a newer
/// appliance never shows a blank.
/// </summary>
public static class DriftSentences
{
    private static readonly FrozenDictionary<string, string> Sentences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["net.tcp.23.added"] = "Telnet was opened. Mirai-family botnets break in and spread through telnet; unless you enabled it yourself, treat the device as compromised.",
        ["net.tcp.2323.added"] = "A second telnet port (2323) was opened. Botnet implants open it to keep control; unless you enabled it yourself, treat the device as compromised.",
        ["net.tcp.banner.any"] = "The greeting a network service sends changed, which usually means the software behind it changed.",
        ["net.tcp.1080.added"] = "A SOCKS proxy port opened. Botnets turn routers into proxies to hide their traffic.",
        ["net.tcp.added"] = "A network port opened that was closed when you approved the baseline: a new listening service. Unless you started it yourself, find out what it is; implants open proxies (SOCKS, HTTP) and shells on unusual ports.",
        ["net.tcp.removed"] = "A network port that was open is now closed.",
        ["fw.any"] = "The firmware changed. If you did not update the device, someone else did.",
        ["cfg.user.added"] = "A new user account appeared on the device. Intruders add accounts to come back later.",
        ["cfg.user.changed"] = "A user account changed (password, keys or rights).",
        ["cfg.user.removed"] = "A user account was deleted. If you did not remove it, someone may be locking you out of your own device.",
        ["cfg.sshkey.added"] = "A new SSH key was added, which lets someone log in without a password.",
        ["cfg.sshkey.changed"] = "An SSH key now belongs to another account or is of another kind.",
        ["cfg.sshkey.removed"] = "An SSH key was removed.",
        ["cfg.dns.any"] = "The DNS servers changed. A hijacked DNS sends your devices to fake websites.",
        ["dns.answer.changed"] = "The router's DNS now answers a canary name differently. Canary names do not move, so the router's DNS may have been hijacked.",
        ["dns.answer.added-or-removed"] = "The set of DNS canary names checked changed.",
        ["cfg.remote.set"] = "Management from outside your network was switched on or changed; the admin interface may now be reachable from the internet.",
        ["cfg.remote.removed"] = "Management from outside your network was switched off.",
        ["cfg.service.telnet.set"] = "Telnet was switched on in the device's settings. Mirai-family botnets break in and spread through telnet; unless you enabled it yourself, treat the device as compromised.",
        ["cfg.service.added"] = "A network service was switched on in the device's settings.",
        ["cfg.service.changed"] = "A network service now listens on another port or accepts other addresses.",
        ["cfg.service.removed"] = "A network service was switched off.",
        ["cfg.proxy.set"] = "A proxy (SOCKS or web) was switched on. Botnets such as the 2024 Flax Typhoon one turn routers into proxies that hide attackers' traffic.",
        ["cfg.scheduler.fetch.set"] = "A scheduled task downloads something from the internet. Botnets use this to reinstall themselves after a reboot or reset.",
        ["cfg.scheduler.set"] = "A scheduled task was added or changed on the device.",
        ["cfg.script.set"] = "A script stored on the device was added or changed.",
        ["cfg.forward.set"] = "A port forward now sends traffic from the internet to a device inside your network.",
        ["cfg.forward.removed"] = "A port forward was removed: one path less from the internet into your network.",
        ["cfg.proxy.removed"] = "A proxy was switched off.",
        ["cfg.scheduler.removed"] = "A scheduled task was removed.",
        ["cfg.script.removed"] = "A stored script was removed.",
        ["cfg.ntp.any"] = "The time servers changed. Wrong time breaks certificate checks and log timelines.",
        ["routeros.routerboot.any"] = "The router's boot loader (RouterBOOT) changed. If you did not upgrade it, someone else did.",
        ["routeros.package.added"] = "An extra RouterOS package was enabled (for example containers), which widens what the router can run.",
        ["routeros.channel.changed"] = "The router now follows another update channel.",
        ["hikvision.serial-digest.changed"] = "The camera reports a different serial number: the hardware was swapped, or the device is lying about itself.",
        ["onvif.hardware-id.changed"] = "The camera reports a different hardware identity: the device was swapped or replaced.",
        ["onvif.dns.from-dhcp.changed"] = "The camera now takes its DNS servers from another source (DHCP or fixed settings).",
        ["onvif.ntp.from-dhcp.changed"] = "The camera now takes its time servers from another source (DHCP or fixed settings).",
        ["onvif.datetime-type.changed"] = "The camera no longer sets its clock the same way (time servers switched on or off).",
        ["hikvision.time.mode.changed"] = "The camera no longer sets its clock the same way (time servers switched on or off).",
        ["upnp.map.added"] = "A new port mapping opens a path from the internet into your network.",
        ["http.asset.changed"] = "A file of the device's web interface changed. Unless the firmware was updated, it may have been tampered with.",
        ["http.asset.added-or-removed"] = "The set of files the web interface serves changed.",
        ["tls.cert.any"] = "The device's TLS certificate changed. Expected after a reset or update; otherwise someone may be impersonating it.",
        ["http.server.any"] = "The web server software reported by the device changed.",
        ["http.any"] = "The device's web interface answers differently than before.",
        ["snmp.process.added"] = "A program that was not running before now runs on the device (seen over SNMP). Botnet implants run as new processes; unless you installed or enabled something, investigate.",
        ["snmp.process.removed"] = "A program that was running before no longer runs on the device.",
        ["snmp.entity.any"] = "A firmware or software revision reported over SNMP changed. If you did not update the device, someone else did.",
        ["snmp.sys.descr.any"] = "The system description reported over SNMP changed, which usually means different firmware.",
        ["snmp.sys.objectid.any"] = "The device reports a different SNMP identity (sysObjectID): a different model or replaced firmware.",
        ["snmp.any"] = "A setting reported over SNMP (name, contact or location) changed.",
        ["upnp.map.changed"] = "An existing port mapping now leads to a different device or port inside your network.",
        ["upnp.map.removed"] = "A port mapping was removed: one path less from the internet into your network.",
        ["upnp.mapping.enabled.changed"] = "A port mapping was switched on or off.",
        ["upnp.igd.changed"] = "UPnP on the router was switched on or off. While it is on, any program on your network can open ports to the internet.",
        ["upnp.external_ip.any"] = "The router's public address changed. Providers reassign addresses; this matters only if yours is meant to be fixed.",
        ["upnp.device.any"] = "The router describes itself differently over UPnP (maker, model or firmware). Expected after a firmware update; otherwise find out why.",
        ["drift.added"] = "Something new appeared that was not there when you approved the baseline.",
        ["drift.removed"] = "Something present when you approved the baseline is gone.",
        ["drift.changed"] = "A setting or value differs from the approved baseline.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code that has a sentence.</summary>
    public static IEnumerable<string> Codes => Sentences.Keys;

    public static bool Has(string code) => Sentences.ContainsKey(code);

    /// <summary>The sentence for a change: its rule's code, else the fallback of its kind.</summary>
    public static string For(DriftChange change) => For(change.Code, change.Kind);

    public static string For(string? code, DriftKind kind) =>
        code != null && Sentences.TryGetValue(code, out var sentence) ? sentence : Sentences[DriftRules.FallbackCode(kind)];
}
