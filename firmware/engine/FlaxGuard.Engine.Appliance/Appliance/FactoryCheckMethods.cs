using System;
using FlaxGuard.Engine.FactoryPasswords;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Profiles;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// The logins the factory-password check tries on one opted-in target, in order: the family's own API where it
    /// has one (Hikvision ISAPI userCheck, RouterOS REST, OpenWrt ubus session login), else HTTP Basic/Digest on the
    /// enrolled web address; then telnet on port 23 (Mirai's way in); then what the platform adds (SSH on the agent).
    /// A login the device does not offer costs nothing (closed port, a page without a login).
    /// </summary>
    public static class FactoryCheckMethods
    {
        public const int TelnetPort = 23;
        public const int TimeoutMs = 8000;

        public static ILoginMethod[] For(string targetAddress, string profile, ProfileAddress address, IHttpTransport http, ITcpConnector tcp,
            IClock clock, IRandomSource random, IExtraLoginMethods extra)
        {
            if (address == null) throw new ArgumentNullException("address");
            string scheme = address.Scheme == null ? "http" : address.Scheme;
            string host = address.Host.IndexOf(':') >= 0 ? "[" + address.Host + "]" : address.Host;
            string origin = scheme + "://" + host + (address.Port != 0 ? ":" + address.Port.ToString() : "");
            ILoginMethod web;
            if (profile == ProbeProfiles.OpenWrt) web = new UbusLoginMethod(http, clock, origin, TimeoutMs);
            else if (profile == ProbeProfiles.Hikvision || profile == ProbeProfiles.RouterOs) web = new HttpLoginMethod(http, random, HttpLoginMethod.LoginUrl(origin, profile), TimeoutMs, HttpLoginMethod.NameFor(profile));
            else if (targetAddress.IndexOf("://") >= 0) web = new HttpLoginMethod(http, random, targetAddress, TimeoutMs);
            else web = new HttpLoginMethod(http, random, origin + "/", TimeoutMs);
            ILoginMethod[] more = extra == null ? null : extra.For(address.Host, profile);
            int moreCount = more == null ? 0 : more.Length;
            ILoginMethod[] methods = new ILoginMethod[2 + moreCount];
            methods[0] = web;
            methods[1] = new TelnetLoginMethod(tcp, clock, address.Host, TelnetPort, TimeoutMs);
            for (int i = 0; i < moreCount; i++) methods[2 + i] = more[i];
            return methods;
        }
    }
}
