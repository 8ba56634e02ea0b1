using System;
using System.Collections;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes.Hikvision;
using FlaxGuard.Engine.Probes.Onvif;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Probes.Profiles
{
    /// <summary>
    /// The probes each device profile runs. One place for the CLI, the Linux agent and the dongle, so a job
    /// means the same checks wherever it runs. Every profile also looks for risky open ports.
    /// </summary>
    public static class ProbeProfiles
    {
        public const string Web = "web";
        public const string OpenWrt = "openwrt";
        public const string RouterOs = "routeros";
        public const string Hikvision = "hikvision";
        public const string Onvif = "onvif";

        /// <summary>Every profile name, in the order --help lists them.</summary>
        public static string[] Names { get { return new string[] { Web, OpenWrt, RouterOs, Hikvision, Onvif }; } }

        public static bool IsKnown(string profile)
        {
            string[] names = Names;
            for (int i = 0; i < names.Length; i++) if (names[i] == profile) return true;
            return false;
        }

        public static bool NeedsCredentials(string profile)
        {
            return profile == OpenWrt || profile == RouterOs || profile == Hikvision || profile == Onvif;
        }

        /// <summary>One line per profile for help texts.</summary>
        public static string Describe(string profile)
        {
            if (profile == Web) return "any device with a web admin page: HTTP fingerprint, TLS certificate, risky ports";
            if (profile == OpenWrt) return "OpenWrt routers: ubus JSON-RPC (/ubus), release, accounts, SSH keys, DNS, firewall forwards, services";
            if (profile == RouterOs) return "MikroTik RouterOS 7: REST API (/rest), packages, users, SSH keys, services, DNS, NAT, scheduler, proxies";
            if (profile == Hikvision) return "Hikvision cameras and NVRs: ISAPI with Digest auth, device info, users, DNS, telnet/SSH, NTP";
            if (profile == Onvif) return "ONVIF cameras: device service (SOAP 1.2, WS-UsernameToken), device info, users, protocols, DNS, NTP";
            return null;
        }

        /// <summary>
        /// The probes for a device, or null with a reason. exposurePorts null means the default risky-port list,
        /// an empty array means no port probing.
        /// </summary>
        public static IProbe[] Create(string profile, ProfileAddress address, string user, string password, int[] exposurePorts, out string error)
        {
            error = null;
            if (!IsKnown(profile))
            {
                error = "unknown profile '" + profile + "'";
                return null;
            }
            if (address == null)
            {
                error = "no address";
                return null;
            }
            HttpCredentials credentials = null;
            if (NeedsCredentials(profile))
            {
                if (user == null || user.Length == 0 || password == null)
                {
                    error = "the " + profile + " profile needs a user name and password";
                    return null;
                }
                credentials = new HttpCredentials(user, password);
            }
            bool https = address.Scheme == "https";
            string scheme = https ? "https" : "http";
            int port = address.Port != 0 ? address.Port : (https ? 443 : 80);

            ArrayList probes = new ArrayList();
            if (profile == Web)
            {
                HttpFingerprintOptions web = new HttpFingerprintOptions();
                web.Scheme = scheme;
                web.Port = port;
                probes.Add(new HttpFingerprintProbe(web));
            }
            else if (profile == OpenWrt)
            {
                UbusOptions ubus = new UbusOptions();
                ubus.Scheme = scheme;
                ubus.Port = port;
                ubus.Credentials = credentials;
                probes.Add(new UbusProbe(ubus));
            }
            else if (profile == RouterOs)
            {
                // RouterOS serves REST on www-ssl; an address without a scheme means the stock HTTPS service.
                RouterOsOptions ros = new RouterOsOptions(credentials);
                ros.Scheme = address.Scheme == null ? "https" : scheme;
                ros.Port = address.Port != 0 ? address.Port : (ros.Scheme == "https" ? 443 : 80);
                probes.Add(new RouterOsRestProbe(ros));
            }
            else if (profile == Hikvision)
            {
                IsapiOptions isapi = new IsapiOptions(credentials);
                isapi.UseHttps = https;
                isapi.Port = port;
                probes.Add(new IsapiProbe(isapi));
            }
            else if (profile == Onvif)
            {
                OnvifOptions onvif = new OnvifOptions();
                onvif.User = user;
                onvif.Password = password;
                onvif.UseHttps = https;
                onvif.Port = port;
                probes.Add(new OnvifProbe(onvif));
            }

            int[] ports = exposurePorts == null ? RiskyPorts.DefaultPortNumbers() : exposurePorts;
            if (ports.Length > 0)
            {
                TcpExposureOptions exposure = new TcpExposureOptions();
                exposure.Ports = ports;
                probes.Add(new TcpExposureProbe(exposure));
            }
            IProbe[] result = new IProbe[probes.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (IProbe)probes[i];
            return result;
        }
    }
}
