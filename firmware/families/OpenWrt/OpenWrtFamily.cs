using System.Collections;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;

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
            return null;
        }
    }
}
