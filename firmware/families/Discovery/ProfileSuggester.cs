using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// Suggests the FlaxGuard profile for a discovered device from what it said about itself, strongest
    /// evidence first, and says how sure it is and why. The vendor markers are the ones these products put in
    /// their own answers: "Hikvision" in ONVIF hardware scopes and UPnP manufacturer, Hikvision's web servers
    /// "App-webs" and "DNVRS-Webs"; OpenWrt's LuCI page title "... - LuCI" and "OpenWrt" in its SSDP SERVER;
    /// MikroTik's "RouterOS" page title and its Winbox port 8291; the https certificate's subject counts like the
    /// rest (devices put their maker or product in the self-signed certificate they generate).
    /// </summary>
    public static class ProfileSuggester
    {
        public static void Suggest(DiscoveredDevice d)
        {
            string everything = Ordinal.ToLowerAscii(Join(d));
            d.Kind = KindOf(d, everything);
            if (Has(everything, "hikvision"))
            {
                Set(d, "hikvision", Confidence.High, "it names Hikvision as its maker");
                return;
            }
            if (HasText(d.HttpServer, "app-webs") || HasText(d.HttpServer, "dnvrs-webs"))
            {
                Set(d, "hikvision", Confidence.Medium, "its web server is the one Hikvision devices run (" + d.HttpServer + ")");
                return;
            }
            if (Has(everything, "openwrt") || HasText(d.HttpTitle, "luci"))
            {
                Set(d, "openwrt", Confidence.High, "it says it runs OpenWrt");
                return;
            }
            if (Has(everything, "routeros") || Has(everything, "mikrotik"))
            {
                Set(d, "routeros", Confidence.High, "it says it is a MikroTik RouterOS device");
                return;
            }
            if (d.HasPort(8291))
            {
                Set(d, "routeros", Confidence.Medium, "MikroTik's Winbox port 8291 is open");
                return;
            }
            if ((d.Sources & DiscoverySource.WsDiscovery) != 0 && d.OnvifAddress != null)
            {
                Set(d, "onvif", Confidence.High, "it answered the ONVIF camera search");
                return;
            }
            if (d.HttpTitle != null || d.HttpServer != null)
            {
                Set(d, "web", d.HttpTitle != null ? Confidence.Medium : Confidence.Low, d.HttpTitle != null ? "it serves a web page (" + d.HttpTitle + ")" : "it serves a web page");
                return;
            }
            Set(d, null, null, d.OpenPorts().Length > 0 || d.Services().Length > 0 ? "no admin interface FlaxGuard knows how to check answered" : "it only announced itself");
        }

        /// <summary>router, camera, nas, printer or device.</summary>
        private static string KindOf(DiscoveredDevice d, string everything)
        {
            if (d.IsGateway || Has(everything, "internetgatewaydevice") || Has(everything, "openwrt") || Has(everything, "routeros")) return "router";
            if ((d.Sources & DiscoverySource.WsDiscovery) != 0 || d.HasService("_rtsp._tcp") || d.HasService("_axis-video._tcp") || Has(everything, "hikvision")) return "camera";
            if (d.HasService("_ipp._tcp") || d.HasService("_ipps._tcp") || d.HasService("_printer._tcp") || d.HasService("_pdl-datastream._tcp")) return "printer";
            if (d.HasService("_smb._tcp") || d.HasService("_afpovertcp._tcp") || d.HasService("_adisk._tcp") || d.HasService("_nfs._tcp")) return "nas";
            return "device";
        }

        private static void Set(DiscoveredDevice d, string profile, string confidence, string reason)
        {
            d.SuggestedProfile = profile;
            d.Confidence = confidence;
            d.Reason = FactText.Clean(reason, 160);
        }

        private static string Join(DiscoveredDevice d)
        {
            string[] txt = d.TxtEntries();
            string text = d.Manufacturer + "|" + d.ModelName + "|" + d.UpnpDeviceType + "|" + d.SsdpServer + "|" + d.HttpServer + "|" + d.HttpTitle + "|" + d.OnvifName + "|" + d.OnvifHardware + "|" + d.MacVendor + "|" + d.CertificateSubject;
            for (int i = 0; i < txt.Length; i++) text += "|" + txt[i];
            return text;
        }

        private static bool HasText(string text, string part)
        {
            return text != null && Has(Ordinal.ToLowerAscii(text), part);
        }

        private static bool Has(string lower, string part)
        {
            return lower.IndexOf(part) >= 0;
        }
    }
}
