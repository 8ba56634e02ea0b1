using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>OpenWrt routers over ubus JSON-RPC.</summary>
    public sealed class OpenWrtFamily : DeviceFamily
    {
        public override string Profile { get { return "openwrt"; } }

        public override bool NeedsCredentials { get { return true; } }

        public override bool IsRouter { get { return true; } }

        public override string WebInterfaceScheme { get { return "http"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            string scheme = target.SchemeOr("http");
            UbusOptions ubus = new UbusOptions();
            ubus.Scheme = scheme;
            ubus.Port = target.PortFor(scheme);
            ubus.Credentials = new HttpCredentials(target.User, target.Password);
            probes.Add(new UbusProbe(ubus));
            FlashOptions flash = new FlashOptions();
            flash.Scheme = scheme;
            flash.Port = ubus.Port;
            flash.Credentials = ubus.Credentials;
            probes.Add(new FlashProbe(flash));
            return null;
        }

        /// <summary>
        /// OpenWrt's own keys (the shared vocabulary's rules come first: cfg.scheduler.*.fetch for downloads in cron
        /// and boot scripts, cfg.script.* for firewall includes, cfg.dns.* for hosts and dnsmasq lines).
        /// </summary>
        public override void AddDriftRules(DriftRules rules)
        {
            // Measured flash: another kernel or a changed filesystem byte is a replaced firmware unless the owner updated it.
            rules.Append(new DriftRule("firmware.kernel.*", DriftRule.AnyChange, Severity.Critical, "firmware.kernel.changed"));
            rules.Append(new DriftRule("firmware.rootfs.*", DriftRule.AnyChange, Severity.Critical, "firmware.rootfs.changed"));
            rules.Append(new DriftRule("firmware.flash.*", DriftRule.AnyChange, Severity.High, "firmware.flash.changed"));
            rules.Append(new DriftRule("openwrt.build-origin", DriftRule.AnyChange, Severity.Critical, "openwrt.build-origin.any"));
            rules.Append(new DriftRule("openwrt.account.*.root", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.account.root.set"));
            rules.Append(new DriftRule("openwrt.account.*", DriftRule.Added, Severity.Critical, "openwrt.account.added"));
            rules.Append(new DriftRule("openwrt.account.*", DriftRule.Changed, Severity.High, "openwrt.account.changed"));
            rules.Append(new DriftRule("openwrt.account.*", DriftRule.Removed, Severity.Medium, "openwrt.account.removed"));
            rules.Append(new DriftRule("openwrt.rpcd-admin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.rpcd-admin.set"));
            rules.Append(new DriftRule("openwrt.rpcd-admin.*", DriftRule.Removed, Severity.Medium, "openwrt.rpcd-admin.removed"));
            rules.Append(new DriftRule("openwrt.process.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.process.set"));
            rules.Append(new DriftRule("openwrt.process.*", DriftRule.Removed, Severity.Info, "openwrt.process.removed"));
            rules.Append(new DriftRule("openwrt.file.etc.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "openwrt.file.etc.set"));
            rules.Append(new DriftRule("openwrt.file.usr.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "openwrt.file.usr.set"));
            rules.Append(new DriftRule("openwrt.file.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.file.system.set"));
            rules.Append(new DriftRule("openwrt.file.*", DriftRule.Removed, Severity.Low, "openwrt.file.removed"));
            rules.Append(new DriftRule("openwrt.package.*", DriftRule.Added, Severity.High, "openwrt.package.added"));
            rules.Append(new DriftRule("openwrt.package.*", DriftRule.Removed, Severity.Low, "openwrt.package.removed"));
            rules.Append(new DriftRule("openwrt.wireguard.*", DriftRule.Added, Severity.Critical, "openwrt.wireguard.added"));
            rules.Append(new DriftRule("openwrt.wireguard.*", DriftRule.Changed, Severity.High, "openwrt.wireguard.changed"));
            rules.Append(new DriftRule("openwrt.wireguard.*", DriftRule.Removed, Severity.Info, "openwrt.wireguard.removed"));
            rules.Append(new DriftRule("openwrt.tunnel.*", DriftRule.Added, Severity.Critical, "openwrt.tunnel.added"));
            rules.Append(new DriftRule("openwrt.tunnel.*", DriftRule.Changed, Severity.High, "openwrt.tunnel.changed"));
            rules.Append(new DriftRule("openwrt.tunnel.*", DriftRule.Removed, Severity.Info, "openwrt.tunnel.removed"));
            rules.Append(new DriftRule("openwrt.upnpd", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.upnpd.set"));
            rules.Append(new DriftRule("openwrt.init.*", DriftRule.Added, Severity.High, "openwrt.init.added"));
            rules.Append(new DriftRule("openwrt.init.*", DriftRule.Removed, Severity.Low, "openwrt.init.removed"));
            // Issue 13, second round: feeds, reflash survivors, login hooks, admin services, routes, the live ruleset.
            rules.Append(new DriftRule("openwrt.feed.signature", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.feed.signature.set"));
            rules.Append(new DriftRule("openwrt.feed.*", DriftRule.Added, Severity.Critical, "openwrt.feed.added"));
            rules.Append(new DriftRule("openwrt.feed.*", DriftRule.Changed, Severity.High, "openwrt.feed.changed"));
            rules.Append(new DriftRule("openwrt.feed.*", DriftRule.Removed, Severity.Low, "openwrt.feed.removed"));
            rules.Append(new DriftRule("openwrt.keep.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.keep.set"));
            rules.Append(new DriftRule("openwrt.keep-list.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.keep-list.set"));
            rules.Append(new DriftRule("openwrt.keep*", DriftRule.Removed, Severity.Info, "openwrt.keep.removed"));
            rules.Append(new DriftRule("openwrt.hook.*.fetch", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.hook.fetch.set"));
            rules.Append(new DriftRule("openwrt.hook.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.hook.set"));
            rules.Append(new DriftRule("openwrt.hook.*", DriftRule.Removed, Severity.Info, "openwrt.hook.removed"));
            rules.Append(new DriftRule("openwrt.web.interpreter.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.web.interpreter.set"));
            rules.Append(new DriftRule("openwrt.web.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.web.set"));
            rules.Append(new DriftRule("openwrt.web.*", DriftRule.Removed, Severity.Info, "openwrt.web.removed"));
            rules.Append(new DriftRule("openwrt.ssh.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.ssh.set"));
            rules.Append(new DriftRule("openwrt.ssh.*", DriftRule.Removed, Severity.Info, "openwrt.ssh.removed"));
            rules.Append(new DriftRule("openwrt.route.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.route.added"));
            rules.Append(new DriftRule("openwrt.rule.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.rule.added"));
            rules.Append(new DriftRule("openwrt.route.*", DriftRule.Removed, Severity.Low, "openwrt.route.removed"));
            rules.Append(new DriftRule("openwrt.rule.*", DriftRule.Removed, Severity.Low, "openwrt.rule.removed"));
            rules.Append(new DriftRule("openwrt.nft.open.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.nft.open.added"));
            rules.Append(new DriftRule("openwrt.nft.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.nft.added"));
            rules.Append(new DriftRule("openwrt.nft.*", DriftRule.Removed, Severity.Low, "openwrt.nft.removed"));
            rules.Append(new DriftRule("openwrt.iptables.open.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "openwrt.iptables.open.added"));
            rules.Append(new DriftRule("openwrt.iptables.*", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.iptables.added"));
            rules.Append(new DriftRule("openwrt.iptables.*", DriftRule.Removed, Severity.Low, "openwrt.iptables.removed"));
            rules.Append(new DriftRule("openwrt.limit.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "openwrt.limit.set"));
            rules.Append(new DriftRule("openwrt.limit.*", DriftRule.Removed, Severity.Info, "openwrt.limit.removed"));
        }
    }
}
