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
            rules.Append(new DriftRule("openwrt.upnpd", DriftRule.Added | DriftRule.Changed, Severity.High, "openwrt.upnpd.set"));
            rules.Append(new DriftRule("openwrt.init.*", DriftRule.Added, Severity.High, "openwrt.init.added"));
            rules.Append(new DriftRule("openwrt.init.*", DriftRule.Removed, Severity.Low, "openwrt.init.removed"));
            rules.Append(new DriftRule("openwrt.limit.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "openwrt.limit.set"));
            rules.Append(new DriftRule("openwrt.limit.*", DriftRule.Removed, Severity.Info, "openwrt.limit.removed"));
        }
    }
}
