using System.Collections;
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
        private static readonly string[] NoItems = new string[0];

        public static readonly string[] ManagementServices = new string[] { "api", "api-ssl", "ftp", "ssh", "telnet", "winbox", "www", "www-ssl" };

        /// <summary>
        /// /user/group: cfg.usergroup.NAME = the policies it grants, sorted ("!name" entries, which RouterOS prints for
        /// policies a group lacks, left out). Returns the names of groups that can administer the router (they grant both
        /// "policy" and "write": they can create users and change any group), or null with <paramref name="problem"/>.
        /// </summary>
        public static Hashtable FromGroups(JsonValue groups, RouterOsFactBuffer facts, out string problem)
        {
            problem = null;
            Hashtable admin = new Hashtable();
            for (int i = 0; i < groups.Count; i++)
            {
                JsonValue group = groups.Item(i);
                string name = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(group, "name"), 64));
                JsonKind kind;
                if (name.Length == 0 || !group.TryMemberKind("policy", out kind))
                {
                    problem = "group " + (i + 1).ToString() + " has no name or policy";
                    return null;
                }
                TextBuilder text = facts.Text.Clear();
                bool write = false;
                bool changesPolicy = false;
                // The usual policy list is normalised straight from the answer's bytes: no string for it at all.
                RouterOsRuleDigest inPlace = facts.RuleDigest;
                int held = inPlace.NormalizeMember(group, "policy");
                if (held == 0 || inPlace.HeldIsList(held))
                {
                    inPlace.AppendHeldItems(held, '!', text);
                    write = inPlace.HeldHasItem(held, "write");
                    changesPolicy = inPlace.HeldHasItem(held, "policy");
                    AddGroup(name, text, write && changesPolicy, admin, facts);
                    continue;
                }
                string policy = RouterOsShape.CheckedField(group, "policy");
                // Else the policy list is read in place (no string per policy) unless it is unusual.
                RouterOsListItems items = facts.ListItems;
                int count = items.Read(policy);
                for (int k = 0; k < count; k++)
                {
                    if (items.FirstChar(k) == '!') continue;
                    if (items.ItemIs(k, "write")) write = true;
                    else if (items.ItemIs(k, "policy")) changesPolicy = true;
                    if (text.Length > 0) text.Append(',');
                    items.AppendItem(k, text);
                }
                string[] listed = count < 0 ? RouterOsText.NormalizeList(policy) : NoItems;
                for (int k = 0; k < listed.Length; k++)
                {
                    string p = listed[k];
                    if (p.Length == 0 || p[0] == '!') continue;
                    if (p == "write") write = true;
                    else if (p == "policy") changesPolicy = true;
                    if (text.Length > 0) text.Append(',');
                    text.Append(p);
                }
                AddGroup(name, text, write && changesPolicy, admin, facts);
            }
            return admin;
        }

        // cfg.usergroup.NAME = the policies in text; an administering group is remembered for FromUsers.
        private static void AddGroup(string name, TextBuilder text, bool administers, Hashtable admin, RouterOsFactBuffer facts)
        {
            string value = text.Length == 0 ? "none" : text.ToString();
            facts.Add(text.Clear().Append("cfg.usergroup.").AppendKeySegment(name, 64).ToString(), value, FactKind.Config);
            if (administers && !admin.Contains(name)) admin.Add(name, name);
        }

        /// <summary>
        /// cfg.user.NAME = group for each enabled account, and cfg.admin.NAME = group for those whose group can administer
        /// the router (<paramref name="adminGroups"/>; "full" when it is null): moving an account into such a group is as
        /// serious as a new administrator.
        /// </summary>
        public static string FromUsers(JsonValue users, Hashtable adminGroups, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < users.Count; i++)
            {
                JsonValue user = users.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(user, "disabled", false, ref problem);
                if (problem != null) return "user " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.CheckedField(user, "name");
                string group = RouterOsShape.CheckedField(user, "group");
                if (name == null || name.Length == 0 || group == null) return "user " + (i + 1).ToString() + " has no name or group";
                // A disabled account cannot log in; enabling it later shows as a new account.
                if (disabled) continue;
                string role = Ordinal.ToLowerAscii(FactText.Clean(group, 64));
                string key = facts.Text.Clear().Append("cfg.user.").AppendKeySegment(name, 64).ToString();
                facts.Add(key, role.Length == 0 ? "none" : role, FactKind.Config);
                bool admin = adminGroups == null ? role == "full" : adminGroups.Contains(role);
                if (admin) facts.Add(facts.Text.Clear().Append("cfg.admin.").AppendKeySegment(name, 64).ToString(), role, FactKind.Config);
            }
            return null;
        }

        public static string FromSshKeys(JsonValue keys, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                JsonValue key = keys.Item(i);
                string user = RouterOsShape.CheckedField(key, "user");
                if (user == null || user.Length == 0) return "SSH key " + (i + 1).ToString() + " names no user";
                string type = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(key, "key-type"), 32));
                if (type.Length == 0) type = "unknown";
                string fingerprint = RouterOsShape.CheckedField(key, "fingerprint");
                string digest = SshKeyDigest.FromFingerprint(fingerprint);
                if (digest == null && fingerprint != null && fingerprint.Trim().Length > 0)
                {
                    return "SSH key " + (i + 1).ToString() + " has a fingerprint that is not an OpenSSH SHA256 fingerprint";
                }
                if (digest == null)
                {
                    // "key-owner" was renamed "info" in 7.23; either holds the key's comment.
                    string comment = RouterOsShape.CheckedField(key, "info");
                    if (comment == null) comment = RouterOsShape.CheckedField(key, "key-owner");
                    string bits = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(key, "bits"), 8);
                    digest = SshKeyDigest.FromAttributes(facts.Digest, user, type, bits, RouterOsText.CollapseBlanks(comment));
                }
                string factKey = facts.Text.Clear().Append("cfg.sshkey.").Append(digest).ToString();
                facts.Add(factKey, facts.Text.Clear().Append(FactText.Clean(user, 64)).Append(' ').Append(type).ToString(), FactKind.Config);
            }
            return null;
        }

        public static string FromServices(JsonValue services, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < services.Count; i++)
            {
                JsonValue service = services.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(service, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(service, "dynamic", false, ref problem);
                if (problem != null) return "service " + (i + 1).ToString() + ": " + problem;
                string name = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(service, "name"), 32));
                if (name.Length == 0) return "service " + (i + 1).ToString() + " has no name";
                // Dynamic rows (reverse-proxy connections in late 7.x) come and go with each connection.
                if (dynamic || disabled) continue;
                string port = RouterOsShape.CheckedField(service, "port");
                if (!IsPort(port)) return "service " + name + " has port \"" + FactText.Clean(port, 20) + "\", not a port number";
                string[] addresses = RouterOsText.NormalizeList(RouterOsShape.CheckedField(service, "address"));
                TextBuilder text = facts.Text.Clear().Append("port=");
                AppendTrimmed(text, port);
                text.Append(" from=");
                if (addresses.Length == 0) text.Append("any");
                else RouterOsText.AppendList(text, addresses);
                // www-ssl and api-ssl: another certificate on the admin interface is someone else's TLS identity.
                string certificate = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(service, "certificate"), 64);
                if (certificate.Length > 0 && certificate != "none") text.Append(" cert=").Append(certificate);
                string value = text.ToString();
                facts.Add(text.Clear().Append("cfg.service.").AppendKeySegment(name, 32).ToString(), value, FactKind.Config);
                if (IsManagement(name) && !RouterOsAddressScope.IsLocalOnly(addresses))
                {
                    facts.Add(text.Clear().Append("cfg.remote.").AppendKeySegment(name, 32).ToString(), value, FactKind.Config);
                }
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

        // A port that IsPort accepted, without the white space around it: its digits (string.Trim without the copy).
        private static void AppendTrimmed(TextBuilder text, string port)
        {
            int start = 0;
            int end = port.Length;
            while (start < end && (port[start] < '0' || port[start] > '9')) start++;
            while (end > start && (port[end - 1] < '0' || port[end - 1] > '9')) end--;
            for (int i = start; i < end; i++) text.Append(port[i]);
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
