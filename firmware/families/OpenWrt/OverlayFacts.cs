using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Changed system files: OpenWrt keeps every file written after flashing in the overlay's upper layer
    /// (/overlay/upper over the read-only squashfs); a ROM file deleted there is a whiteout, a character device of
    /// size 0. A bounded breadth-first listing with rpcd's file.list (granted by LuCI's luci-access ACL on "/*") gives
    /// openwrt.file.&lt;class&gt;.&lt;path&gt; = "size=N" | "deleted" | "symlink" for each added, changed or deleted file
    /// under /bin, /sbin, /lib, /usr, /www and /etc. Classes: exec, lib, init, cron, web, feeds (critical: what
    /// runs, what starts it, what serves the admin pages, where packages come from), etc and usr (the rest). Files
    /// that settings facts already read (/etc/config, rc.d links, crontab, rc.local, passwd, shadow, hosts, keys)
    /// and files outside the system folders (/root, logs) are left out. Packages installed after flashing:
    /// openwrt.package.&lt;name&gt; = installed, from the overlay's /usr/lib/opkg/info/&lt;name&gt;.control.
    /// </summary>
    public static class OverlayFacts
    {
        public const string Upper = "/overlay/upper";
        public const int MaxDirectories = 48;
        public const int MaxDepth = 10;
        public const int MaxEntriesPerDirectory = 512;
        public const int MaxFileFacts = 128;

        private static readonly string[] SystemTops = new string[] { "/bin", "/sbin", "/lib", "/usr", "/www", "/etc" };
        private static readonly string[] NotDescended = new string[] { "/etc/config", "/etc/rc.d", "/etc/luci-uploads", "/usr/lib/opkg/lists" };
        // The same folders with their trailing slash, made once: not once per listed entry.
        private static readonly string[] SystemTopFolders = WithSlash(SystemTops);
        private static readonly string[] NotDescendedFolders = WithSlash(NotDescended);
        private static readonly string[] Covered = new string[]
        {
            "/etc/crontabs/root", "/etc/rc.local", "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts",
            "/etc/dropbear/authorized_keys", "/etc/firewall.user", "/usr/lib/opkg/status",
        };

        // Prefix, class: the first match wins.
        private static readonly string[] Classes = new string[]
        {
            "/bin/", "exec", "/sbin/", "exec", "/usr/bin/", "exec", "/usr/sbin/", "exec", "/usr/libexec/", "exec",
            "/lib/", "lib", "/usr/lib/", "lib",
            "/www/", "web", "/usr/share/rpcd/", "web", "/usr/share/luci/", "web", "/usr/share/ucode/", "web",
            "/etc/init.d/", "init", "/etc/hotplug.d/", "init", "/etc/rc.button/", "init", "/etc/uci-defaults/", "init",
            "/etc/profile", "init", "/etc/preinit", "init", "/etc/inittab", "init", "/etc/sysctl", "init",
            "/etc/crontabs/", "cron", "/etc/cron", "cron",
            "/etc/opkg", "feeds",
            "/etc/", "etc", "/usr/", "usr",
        };

        public static void Read(UbusSession session, OpenWrtFactSheet sheet)
        {
            // Folders to list, as full paths (the upper layer itself first): a string per folder, none per file. Each
            // entry's path is assembled in one builder; its part after Upper is the path on the router.
            ArrayList queue = new ArrayList();
            queue.Add(Upper);
            TextBuilder path = new TextBuilder(128);
            int facts = 0;
            for (int q = 0; q < queue.Count; q++)
            {
                if (q >= MaxDirectories)
                {
                    ReadLimits.Add(sheet, "overlay", "more than " + MaxDirectories.ToString() + " folders in /overlay/upper; the rest were not listed");
                    return;
                }
                string dir = (string)queue[q];
                int depth = Depth(dir);
                JsonValue data = UbusProbe.Fetch(session, "file", "list", "path", dir, "the listing of ", dir, true);
                if (data == null) continue;
                JsonValue entries = data.Member("entries");
                if (entries == null || !entries.IsArray) throw new UbusDataException("the listing of " + dir + " has no \"entries\" array");
                int n = entries.Count;
                if (n > MaxEntriesPerDirectory)
                {
                    ReadLimits.Add(sheet, "overlay-folder", "a folder in /overlay/upper has more than " + MaxEntriesPerDirectory.ToString() + " entries; the rest were not read");
                    n = MaxEntriesPerDirectory;
                }
                for (int i = 0; i < n; i++)
                {
                    JsonValue e = entries.Item(i);
                    if (!e.IsObject) throw new UbusDataException("an entry of the listing of " + dir + " is not an object");
                    path.Clear().Append(dir).Append('/');
                    int nameStart = path.Length;
                    JsonKind typeKind;
                    if (!e.AppendMemberText("name", path) || !e.TryMemberKind("type", out typeKind) || typeKind != JsonKind.String || !IsEntryName(path, nameStart))
                    {
                        throw new UbusDataException("an entry of the listing of " + dir + " has no valid name or type");
                    }
                    if (e.MemberTextEquals("type", "directory"))
                    {
                        if (!Descends(path, Upper.Length)) continue;
                        if (depth + 1 > MaxDepth)
                        {
                            ReadLimits.Add(sheet, "overlay-depth", "folders in /overlay/upper nest deeper than " + MaxDepth.ToString() + " levels; the deeper ones were not listed");
                            continue;
                        }
                        queue.Add(path.ToString());
                        continue;
                    }
                    if (path.StartsWithAt(Upper.Length, "/usr/lib/opkg/info/"))
                    {
                        int nameLength = path.Length - nameStart;
                        if (path.EndsWith(".control") && nameLength > 8)
                        {
                            sheet.Add(sheet.Text.Clear().Append("openwrt.package.").AppendKeySegment(path, nameStart, nameLength - 8, 64).ToString(), "installed", FactKind.Config);
                        }
                        continue;
                    }
                    string cls = Classify(path, Upper.Length);
                    if (cls == null) continue;
                    if (++facts > MaxFileFacts)
                    {
                        ReadLimits.Add(sheet, "overlay-files", "more than " + MaxFileFacts.ToString() + " changed system files; the rest were not reported");
                        return;
                    }
                    string described = Describe(e, sheet.Text);
                    sheet.Add(sheet.Text.Clear().Append("openwrt.file.").Append(cls).Append('.').AppendKeySegment(path, Upper.Length, path.Length - Upper.Length, 120).ToString(), described, FactKind.Config);
                }
            }
        }

        // How deep a listed folder is below the upper layer: its slashes after Upper.
        private static int Depth(string dir)
        {
            int depth = 0;
            for (int i = Upper.Length; i < dir.Length; i++)
            {
                if (dir[i] == '/') depth++;
            }
            return depth;
        }

        // A name rpcd may list: not empty, no slash, not "." or "..".
        private static bool IsEntryName(TextBuilder path, int nameStart)
        {
            int length = path.Length - nameStart;
            if (length == 0 || path.IndexOf('/', nameStart) >= 0) return false;
            return !path.EqualsAt(nameStart, ".") && !path.EqualsAt(nameStart, "..");
        }

        private static string Describe(JsonValue e, TextBuilder text)
        {
            int size;
            bool sized = e.TryMemberInteger("size", out size);
            // overlayfs whiteout: a character device 0/0 standing for a deleted ROM file.
            if (e.MemberTextEquals("type", "char") && (!sized || size == 0)) return "deleted";
            if (e.MemberTextEquals("type", "file")) return sized ? text.Clear().Append("size=").Append(size).ToString() : "file";
            return FactText.Clean(e.MemberText("type"), 16);
        }

        /// <summary>Which class a path of the merged file system is in, or null when it is not reported.</summary>
        public static string Classify(string rel)
        {
            TextBuilder path = new TextBuilder(rel.Length);
            return Classify(path.Append(rel), 0);
        }

        // Classify for the path held in the builder from offset.
        private static string Classify(TextBuilder path, int offset)
        {
            for (int i = 0; i < Covered.Length; i++)
            {
                if (path.EqualsAt(offset, Covered[i])) return null;
            }
            if (path.StartsWithAt(offset, "/usr/lib/opkg/")) return null;
            for (int i = 0; i < NotDescended.Length; i++)
            {
                if (path.StartsWithAt(offset, NotDescendedFolders[i])) return null;
            }
            for (int i = 0; i + 1 < Classes.Length; i += 2)
            {
                if (path.StartsWithAt(offset, Classes[i])) return Classes[i + 1];
            }
            return null;
        }

        private static string[] WithSlash(string[] folders)
        {
            string[] slashed = new string[folders.Length];
            for (int i = 0; i < folders.Length; i++) slashed[i] = folders[i] + "/";
            return slashed;
        }

        private static bool Descends(TextBuilder path, int offset)
        {
            for (int i = 0; i < NotDescended.Length; i++)
            {
                if (path.EqualsAt(offset, NotDescended[i])) return false;
            }
            for (int i = 0; i < SystemTops.Length; i++)
            {
                if (path.EqualsAt(offset, SystemTops[i]) || path.StartsWithAt(offset, SystemTopFolders[i])) return true;
            }
            return false;
        }
    }
}
