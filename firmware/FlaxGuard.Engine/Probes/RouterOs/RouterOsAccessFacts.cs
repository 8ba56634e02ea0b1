using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Who can log in and how: /user (enabled accounts and their group), /user/ssh-keys, and /ip/service (which
    /// management services run, on which port, for which addresses). A service whose address list is empty or
    /// reaches beyond local space is also reported as cfg.remote.NAME: that is RouterOS's form of "remote management".
    /// </summary>
    public static class RouterOsAccessFacts
    {
        /// <summary>The management services RouterOS lists in /ip/service.</summary>
        public static readonly string[] ManagementServices = new string[] { "api", "api-ssl", "ftp", "ssh", "telnet", "winbox", "www", "www-ssl" };

        public static string FromUsers(JsonValue users, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < users.Count; i++)
            {
                JsonValue user = users.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSet(user, "disabled", false, ref problem);
                if (problem != null) return "user " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.Field(user, "name");
                string group = RouterOsShape.Field(user, "group");
                if (name == null || name.Length == 0 || group == null) return "user " + (i + 1).ToString() + " has no name or group";
                // A disabled account cannot log in; enabling it later shows as a new account.
                if (disabled) continue;
                string role = Ordinal.ToLowerAscii(FactText.Clean(group, 64));
                facts.Add("cfg.user." + FactText.KeySegment(name, 64), role.Length == 0 ? "none" : role, FactKind.Config);
            }
            return null;
        }

        public static string FromSshKeys(JsonValue keys, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                JsonValue key = keys.Item(i);
                string user = RouterOsShape.Field(key, "user");
                if (user == null || user.Length == 0) return "SSH key " + (i + 1).ToString() + " names no user";
                string type = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.Field(key, "key-type"), 32));
                if (type.Length == 0) type = "unknown";
                string fingerprint = RouterOsShape.Field(key, "fingerprint");
                string digest = SshKeyDigest.FromFingerprint(fingerprint);
                if (digest == null && fingerprint != null && fingerprint.Trim().Length > 0)
                {
                    return "SSH key " + (i + 1).ToString() + " has a fingerprint that is not an OpenSSH SHA256 fingerprint";
                }
                if (digest == null)
                {
                    // "key-owner" was renamed "info" in 7.23; either holds the key's comment.
                    string comment = RouterOsShape.Field(key, "info");
                    if (comment == null) comment = RouterOsShape.Field(key, "key-owner");
                    string bits = RouterOsSystemFacts.Clean(RouterOsShape.Field(key, "bits"), 8);
                    digest = SshKeyDigest.FromAttributes(user, type, bits, RouterOsText.CollapseBlanks(comment));
                }
                facts.Add("cfg.sshkey." + digest, FactText.Clean(user, 64) + " " + type, FactKind.Config);
            }
            return null;
        }

        public static string FromServices(JsonValue services, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < services.Count; i++)
            {
                JsonValue service = services.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSet(service, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSet(service, "dynamic", false, ref problem);
                if (problem != null) return "service " + (i + 1).ToString() + ": " + problem;
                string name = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.Field(service, "name"), 32));
                if (name.Length == 0) return "service " + (i + 1).ToString() + " has no name";
                // Dynamic rows (reverse-proxy connections in late 7.x) come and go with each connection.
                if (dynamic || disabled) continue;
                string port = RouterOsShape.Field(service, "port");
                if (!IsPort(port)) return "service " + name + " has port \"" + FactText.Clean(port, 20) + "\", not a port number";
                string[] addresses = RouterOsText.NormalizeList(RouterOsShape.Field(service, "address"));
                string value = "port=" + port.Trim() + " from=" + (addresses.Length == 0 ? "any" : RouterOsText.JoinList(addresses));
                string segment = FactText.KeySegment(name, 32);
                facts.Add("cfg.service." + segment, value, FactKind.Config);
                if (IsManagement(name) && !RouterOsAddressScope.IsLocalOnly(addresses)) facts.Add("cfg.remote." + segment, value, FactKind.Config);
            }
            return null;
        }

        private static bool IsManagement(string name)
        {
            for (int i = 0; i < ManagementServices.Length; i++)
            {
                if (ManagementServices[i] == name) return true;
            }
            return false;
        }

        internal static bool IsPort(string text)
        {
            if (text == null) return false;
            string t = text.Trim();
            if (t.Length == 0 || t.Length > 5) return false;
            int n = 0;
            for (int i = 0; i < t.Length; i++)
            {
                if (t[i] < '0' || t[i] > '9') return false;
                n = n * 10 + (t[i] - '0');
            }
            return n >= 1 && n <= 65535;
        }
    }
}
