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

        public override void AddDriftRules(DriftRules rules)
        {
            // Measured flash: another kernel or a changed filesystem byte is a replaced firmware unless the owner updated it.
            rules.Append(new DriftRule("firmware.kernel.*", DriftRule.AnyChange, Severity.Critical, "firmware.kernel.changed"));
            rules.Append(new DriftRule("firmware.rootfs.*", DriftRule.AnyChange, Severity.Critical, "firmware.rootfs.changed"));
            rules.Append(new DriftRule("firmware.flash.*", DriftRule.AnyChange, Severity.High, "firmware.flash.changed"));
        }
    }
}
