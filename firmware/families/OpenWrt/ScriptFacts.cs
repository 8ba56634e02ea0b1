using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// What the router runs by itself, where implants persist:
    /// cfg.scheduler.cron.&lt;id&gt; = the schedule of each job in root's crontab (id: 16 hex of SHA-256 of the
    /// command with blanks collapsed), cfg.scheduler.rc.local and cfg.scheduler.firewall.user = a digest of the
    /// boot script's commands (comments and blank lines left out), and for each of them ".fetch" = the host a
    /// download in it comes from (<see cref="ShellFetch"/>). cfg.script.firewall-include.&lt;path&gt; for firewall
    /// include sections (type), openwrt.init.&lt;name&gt; = enabled for every init script that starts at boot.
    /// </summary>
    public static class ScriptFacts
    {
        public const int MaxCronLines = 256;
        public const int MaxInitScripts = 256;

        public static void ReadCrontab(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            // Lines are read where they lie in the text; only the schedule (a fact value) and the key become strings.
            ShellFetch fetch = sheet.Fetch;
            fetch.Reset();
            int jobs = 0;
            TextLines reader = sheet.Lines(text);
            while (reader.Next())
            {
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                if (++jobs > MaxCronLines)
                {
                    ReadLimits.Add(sheet, "crontab", "more than " + MaxCronLines.ToString() + " lines in /etc/crontabs/root; the rest were not read");
                    return;
                }
                int start = reader.Start;
                int end = reader.End;
                int commandAt = CommandStart(text, start, end);
                if (commandAt < 0)
                {
                    // NAME=value lines set the environment of the jobs after them (busybox crond and cronie both).
                    fetch.ReadLine(text, start, end, false);
                    continue;
                }
                string schedule = Collapse(text, start, commandAt);
                TextDigest digest = AddCollapsed(sheet.Digest.Start(), text, commandAt, end);
                string id = digest.FinishHex16(sheet.Text.Clear().Append("cfg.scheduler.cron.")).ToString();
                sheet.Add(id, schedule, FactKind.Config);
                // The command as its collapsed form reads: a CR inside it is a blank, not the end of a command.
                string host = fetch.ReadLine(text, commandAt, end, true);
                if (host != null) sheet.Add(id + ".fetch", host, FactKind.Config);
            }
        }

        /// <summary>rc.local or firewall.user: a digest of its commands, and the first download in it.</summary>
        public static void ReadBootScript(string text, string name, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            ReadScript(text, "cfg.scheduler." + name, sheet);
        }

        /// <summary>Any shell script that runs by itself (boot, login, events): <paramref name="key"/> = a digest of its commands, key.fetch = its first download.</summary>
        public static void ReadScript(string text, string key, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            // One pass, each line read where it lies: its collapsed form goes to the digest, its commands to the download finder.
            TextDigest digest = sheet.Digest.Start();
            ShellFetch fetch = sheet.Fetch;
            fetch.Reset();
            string host = null;
            int commands = 0;
            TextLines reader = sheet.Lines(text);
            while (reader.Next())
            {
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                string found = fetch.ReadLine(text, reader.Start, reader.End, false);
                if (found != null && host == null) host = found;
                // The stock rc.local is only comments and "exit 0".
                if (reader.Is("exit 0")) continue;
                AddCollapsed(digest, text, reader.Start, reader.End).Add("\n");
                commands++;
            }
            if (commands == 0)
            {
                sheet.Add(key, "empty", FactKind.Config);
                return;
            }
            sheet.Add(key, digest.FinishHex16(sheet.Text.Clear()).ToString(), FactKind.Config);
            if (host != null) sheet.Add(key + ".fetch", host, FactKind.Config);
        }

        /// <summary>uci firewall "include" sections: extra scripts or nftables snippets the firewall loads.</summary>
        public static void ReadFirewallIncludes(UciPackage firewall, OpenWrtFactSheet sheet)
        {
            UciSection[] includes = firewall.OfType("include");
            for (int i = 0; i < includes.Length; i++)
            {
                if (!includes[i].Flag("enabled", true)) continue;
                string path = includes[i].Option("path");
                if (path == null || path.Trim().Length == 0) continue;
                string type = includes[i].Option("type");
                if (type == null || type.Trim().Length == 0) type = "script";
                sheet.Add(sheet.Text.Clear().Append("cfg.script.firewall-include.").AppendKeySegment(path.Trim(), 100).ToString(),
                    UciText.Lower(FactText.Clean(type, 32)), FactKind.Config);
            }
        }

        /// <summary>"rc list": every init script that starts at boot (enabled). Running state is not a fact: services restart.</summary>
        public static void ReadInitScripts(JsonValue list, OpenWrtFactSheet sheet)
        {
            if (list == null) return;
            int n = list.Count;
            if (n > MaxInitScripts)
            {
                ReadLimits.Add(sheet, "init", "more than " + MaxInitScripts.ToString() + " init scripts; the rest were not read");
                n = MaxInitScripts;
            }
            for (int i = 0; i < n; i++)
            {
                JsonValue script = list.Item(i);
                if (!script.IsObject) continue;
                JsonKind enabled;
                if (!script.TryMemberKind("enabled", out enabled) || enabled != JsonKind.True) continue;
                // The name goes straight into the key; only a name that needs escaping or cutting is read as a string.
                TextBuilder key = sheet.Text.Clear().Append("openwrt.init.");
                int from = key.Length;
                list.AppendKeyAt(i, key);
                if (!key.IsPlainKeyText(from, 64)) key.Clear().Append("openwrt.init.").AppendKeySegment(list.KeyAt(i), 64);
                sheet.AddUnderText("enabled", FactKind.Config);
            }
        }

        // Where the command of text[start, end) starts: after five time fields or one @keyword; -1 for an environment line or no command.
        private static int CommandStart(string text, int start, int end)
        {
            bool keyword = text[start] == '@';
            int fields = keyword ? 1 : 5;
            int i = start;
            for (int f = 0; f < fields; f++)
            {
                while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
                int from = i;
                while (i < end && text[i] != ' ' && text[i] != '\t') i++;
                if (i == from) return -1;
                if (f == 0 && !keyword && text.IndexOf('=', from, i - from) > from) return -1;
            }
            while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
            return i < end ? i : -1;
        }

        // What Collapse gives for text[start, end), as a string (a fact value).
        private static string Collapse(string text, int start, int end)
        {
            TextBuilder b = new TextBuilder(end - start);
            bool blank = false;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (IsCollapsedBlank(c))
                {
                    blank = b.Length > 0;
                    continue;
                }
                if (blank) b.Append(' ');
                blank = false;
                b.Append(c);
            }
            return b.ToString();
        }

        // Adds what Collapse gives for text[start, end) to the digest, word by word, without making it.
        private static TextDigest AddCollapsed(TextDigest digest, string text, int start, int end)
        {
            bool first = true;
            int i = start;
            while (i < end)
            {
                while (i < end && IsCollapsedBlank(text[i])) i++;
                if (i >= end) break;
                int from = i;
                while (i < end && !IsCollapsedBlank(text[i])) i++;
                if (!first) digest.Add(" ");
                digest.Add(text, from, i - from);
                first = false;
            }
            return digest;
        }

        private static bool IsCollapsedBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r';
        }

        /// <summary>Blanks (spaces, tabs) collapsed to one space, ends trimmed.</summary>
        public static string Collapse(string text)
        {
            // Most script lines already are: hand them back instead of copying them.
            if (IsCollapsed(text)) return text;
            return Collapse(text, 0, text.Length);
        }

        // True when Collapse would return the same characters: no tab or CR, no blank at either end, no two blanks in a row.
        private static bool IsCollapsed(string text)
        {
            int n = text.Length;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                if (c == '\t' || c == '\r') return false;
                if (c == ' ' && (i == 0 || i == n - 1 || text[i - 1] == ' ')) return false;
            }
            return true;
        }
    }
}
