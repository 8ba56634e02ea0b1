using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The second round of persistence reads (issue 13): SSH keys OpenSSH and non-root dropbear logins use, package
    /// feeds, what survives a reflash, the login profile, and the live firewall ruleset. Which rpcd ACL grants each read:
    /// file list on every path: luci-base's "luci-access" ("/" and "/*" list); /etc/sysupgrade.conf read: luci-access and
    /// luci-mod-system-flash; /etc/opkg.conf and /etc/opkg/*.conf read: luci-app-opkg and luci-app-package-manager;
    /// /etc/apk/repositories and /etc/apk/repositories.d/{distfeeds,customfeeds}.list: luci-app-package-manager;
    /// /root/.ssh/authorized_keys(2) and /etc/profile: no stock group, the README's flaxguard-read group. A read the
    /// account lacks becomes an openwrt.limit.unread.* fact naming the file.
    /// </summary>
    public static class PersistenceReads
    {
        public const int MaxListedFiles = 64;
        public const int MaxFeedFiles = 16;

        public static void Read(UbusSession session, OpenWrtFactSheet sheet)
        {
            // OpenSSH reads root's keys here; OpenWrt's dropbear reads them only for other accounts (100-pubkey_path.patch).
            string[] ssh = ListFiles(session, "/root/.ssh", sheet);
            if (Has(ssh, "authorized_keys")) SshKeyFacts.Read(UbusProbe.ReadFile(session, "/root/.ssh/authorized_keys", sheet), "root", sheet);
            if (Has(ssh, "authorized_keys2")) SshKeyFacts.Read(UbusProbe.ReadFile(session, "/root/.ssh/authorized_keys2", sheet), "root", sheet);

            string[] opkg = ListFiles(session, "/etc/opkg", sheet);
            if (opkg != null)
            {
                FeedFacts.ReadOpkgConf(UbusProbe.ReadFile(session, "/etc/opkg.conf", sheet), sheet);
                ReadFeeds(session, "/etc/opkg/", opkg, ".conf", true, sheet);
            }
            string[] apk = ListFiles(session, "/etc/apk/repositories.d", sheet);
            if (apk != null)
            {
                FeedFacts.Read(UbusProbe.ReadFile(session, "/etc/apk/repositories", sheet), "repositories", false, sheet);
                ReadFeeds(session, "/etc/apk/repositories.d/", apk, ".list", false, sheet);
            }

            KeepFacts.ReadSysupgradeConf(UbusProbe.ReadFile(session, "/etc/sysupgrade.conf", sheet), sheet);
            KeepFacts.ReadKeepDirectory(ListFiles(session, "/lib/upgrade/keep.d", sheet), sheet);
            ScriptFacts.ReadScript(UbusProbe.ReadFile(session, "/etc/profile", sheet), "openwrt.hook.profile", sheet);
        }

        private static void ReadFeeds(UbusSession session, string folder, string[] names, string suffix, bool opkg, OpenWrtFactSheet sheet)
        {
            int read = 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (!Ordinal.EndsWith(names[i], suffix)) continue;
                if (++read > MaxFeedFiles)
                {
                    ReadLimits.Add(sheet, "feed-files", "more than " + MaxFeedFiles.ToString() + " package feed files in " + folder + "; the rest were not read");
                    return;
                }
                FeedFacts.Read(UbusProbe.ReadFile(session, folder + names[i], sheet), names[i], opkg, sheet);
            }
        }

        private static bool Has(string[] names, string name)
        {
            if (names == null) return false;
            for (int i = 0; i < names.Length; i++) if (names[i] == name) return true;
            return false;
        }

        /// <summary>
        /// The names of the regular files (and symlinks) in a folder, from rpcd's file.list; null when the folder does
        /// not exist. A refused listing becomes an openwrt.limit fact. Names are copied out before the next call.
        /// </summary>
        internal static string[] ListFiles(UbusSession session, string path, OpenWrtFactSheet sheet)
        {
            UbusReply reply = session.Call("file", "list", null, "path", path, "the listing of ", path);
            if (reply.Kind == UbusReplyKind.Status)
            {
                if (reply.Code == UbusStatus.NotFound) return null;
                if (reply.Code == UbusStatus.PermissionDenied)
                {
                    ReadLimits.Add(sheet, UbusProbe.UnreadKey(path), "the account's rpcd access list does not grant listing " + path);
                    return null;
                }
            }
            if (reply.Kind != UbusReplyKind.Ok) throw new UbusDataException(session.Explain(reply, "file", "list", "the listing of " + path));
            JsonValue entries = reply.Data == null ? null : reply.Data.Member("entries");
            if (entries == null || !entries.IsArray) throw new UbusDataException("the listing of " + path + " has no \"entries\" array");
            int n = entries.Count;
            if (n > MaxListedFiles)
            {
                ReadLimits.Add(sheet, UbusProbe.UnreadKey(path), path + " holds more than " + MaxListedFiles.ToString() + " entries; the rest were not read");
                n = MaxListedFiles;
            }
            int count = 0;
            string[] names = new string[n];
            for (int i = 0; i < n; i++)
            {
                JsonValue e = entries.Item(i);
                if (!e.IsObject) throw new UbusDataException("an entry of the listing of " + path + " is not an object");
                if (!e.MemberTextEquals("type", "file") && !e.MemberTextEquals("type", "symlink")) continue;
                string name = e.MemberText("name");
                if (name == null || name.Length == 0 || name.IndexOf('/') >= 0 || name == "." || name == "..")
                {
                    throw new UbusDataException("an entry of the listing of " + path + " has no valid name");
                }
                names[count++] = name;
            }
            // Sorted: readdir order is the file system's, and facts must not depend on it.
            string[] result = new string[count];
            for (int i = 0; i < count; i++)
            {
                string v = names[i];
                int j = i;
                while (j > 0 && Ordinal.Compare(result[j - 1], v) > 0) { result[j] = result[j - 1]; j--; }
                result[j] = v;
            }
            return result;
        }
    }
}
