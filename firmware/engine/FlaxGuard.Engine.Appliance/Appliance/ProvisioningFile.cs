using System;
using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// The provisioning file 'flaxguard agent add' writes, plus what flash.sh adds for the dongle:
    /// <code>{"format":"flaxguard-provisioning-1","hostUrl":"https://...","applianceId":"...","name":"...",
    ///  "key":"&lt;base64 of 32 bytes&gt;","intervalSeconds":300,"caCertificatePem":"..."|null,
    ///  "network":"wifi"|"ethernet","wifiSsid":"...","wifiPassword":"..."}</code>
    /// (the last three only on a dongle; other members are ignored). hostUrl may be http:// for a Linux agent on a
    /// trusted network; the dongle insists on https (<see cref="IsHttps"/>). Parsed strictly and bounded; the reason
    /// for a refusal never repeats a secret.
    /// </summary>
    public sealed class ProvisioningFile
    {
        public const int MaxFileBytes = 16 * 1024;
        public const int KeyBytes = 32;
        public const string FormatName = "flaxguard-provisioning-1";

        private ProvisioningFile()
        {
        }

        public string HostUrl { get; private set; }

        public bool IsHttps { get { return Ordinal.StartsWith(HostUrl, "https://"); } }

        /// <summary>The owner's name for the appliance, or null.</summary>
        public string Name { get; private set; }
        public string ApplianceId { get; private set; }

        /// <summary>The appliance key (32 bytes). Never logged.</summary>
        public byte[] Key { get; private set; }

        /// <summary>PEM of the CA that signed the host's certificate, or null (then the device's CA store is used).</summary>
        public string CaCertificatePem { get; private set; }

        /// <summary>"wifi", "ethernet", or null when the file does not say (a Linux appliance).</summary>
        public string Network { get; private set; }

        public string WifiSsid { get; private set; }

        /// <summary>The Wi-Fi password, or null once it moved into the device's own network configuration. Never logged.</summary>
        public string WifiPassword { get; private set; }

        /// <summary>The parsed file, or null with the reason in <paramref name="problem"/>.</summary>
        public static ProvisioningFile Parse(byte[] data, out string problem)
        {
            problem = null;
            if (data == null || data.Length == 0) { problem = "the provisioning file is empty"; return null; }
            if (data.Length > MaxFileBytes) { problem = "the provisioning file is larger than " + MaxFileBytes.ToString() + " bytes"; return null; }
            string error;
            JsonValue root = JsonParser.Parse(data, 0, data.Length, new JsonLimits(4, 8192, 64), out error);
            if (root == null) { problem = "the provisioning file is not valid JSON: " + error; return null; }
            if (root.Kind != JsonKind.Object) { problem = "the provisioning file is not a JSON object"; return null; }

            ProvisioningFile file = new ProvisioningFile();
            string format = StringMember(root, "format");
            if (format != null && format != FormatName) { problem = "the provisioning file format '" + FactText.Clean(format, 40) + "' is not " + FormatName; return null; }
            file.HostUrl = StringMember(root, "hostUrl");
            file.Name = StringMember(root, "name");
            file.ApplianceId = StringMember(root, "applianceId");
            string key = StringMember(root, "key");
            file.CaCertificatePem = StringMember(root, "caCertificatePem");
            file.Network = StringMember(root, "network");
            file.WifiSsid = StringMember(root, "wifiSsid");
            file.WifiPassword = StringMember(root, "wifiPassword");

            if (file.HostUrl == null || !(Ordinal.StartsWith(file.HostUrl, "https://") && file.HostUrl.Length > 8 || Ordinal.StartsWith(file.HostUrl, "http://") && file.HostUrl.Length > 7))
            {
                problem = "hostUrl must be an http:// or https:// URL";
                return null;
            }
            if (file.HostUrl[file.HostUrl.Length - 1] == '/') file.HostUrl = file.HostUrl.Substring(0, file.HostUrl.Length - 1);
            if (!Report.IsValidDeviceId(file.ApplianceId)) { problem = "applianceId is missing or not 1 to 64 letters, digits, '-', '_' or '.'"; return null; }
            if (key == null) { problem = "key is missing"; return null; }
            try
            {
                file.Key = Convert.FromBase64String(key);
            }
            catch (FormatException)
            {
                problem = "key is not base64";
                return null;
            }
            if (file.Key.Length != KeyBytes) { problem = "key is not 32 bytes"; return null; }
            if (file.CaCertificatePem != null && file.CaCertificatePem.IndexOf("-----BEGIN CERTIFICATE-----") < 0)
            {
                problem = "caCertificatePem is not a PEM certificate";
                return null;
            }
            if (file.Network != null && file.Network != "wifi" && file.Network != "ethernet") { problem = "network must be wifi or ethernet"; return null; }
            if (file.Network == "wifi" && (file.WifiSsid == null || file.WifiSsid.Length == 0 || file.WifiSsid.Length > 32))
            {
                problem = "wifiSsid must be 1 to 32 characters when network is wifi";
                return null;
            }
            return file;
        }

        /// <summary>The same file without the Wi-Fi password, once the device keeps it in its own network configuration.</summary>
        public byte[] WithoutWifiPassword()
        {
            StringBuilder json = new StringBuilder(512);
            json.Append('{');
            AppendMember(json, "format", FormatName, false);
            AppendMember(json, "hostUrl", HostUrl, true);
            AppendMember(json, "applianceId", ApplianceId, true);
            if (Name != null) AppendMember(json, "name", Name, true);
            AppendMember(json, "key", Convert.ToBase64String(Key), true);
            if (CaCertificatePem != null) AppendMember(json, "caCertificatePem", CaCertificatePem, true);
            if (Network != null) AppendMember(json, "network", Network, true);
            if (WifiSsid != null) AppendMember(json, "wifiSsid", WifiSsid, true);
            json.Append('}');
            return Utf8.GetBytes(json.ToString());
        }

        private static string StringMember(JsonValue root, string name)
        {
            JsonValue value = root.Member(name);
            if (value == null || value.Kind != JsonKind.String) return null;
            return value.Text;
        }

        private static void AppendMember(StringBuilder json, string name, string value, bool comma)
        {
            if (comma) json.Append(',');
            json.Append('"').Append(name).Append("\":\"");
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\') json.Append('\\').Append(c);
                else if (c == '\n') json.Append("\\n");
                else if (c == '\r') json.Append("\\r");
                else if (c == '\t') json.Append("\\t");
                else if (c < ' ')
                {
                    json.Append("\\u00");
                    json.Append(Hex.Encode(new byte[] { (byte)c }));
                }
                else json.Append(c);
            }
            json.Append('"');
        }
    }
}
