using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Running programs, from LuCI's "luci getProcessList" (rpcd ucode plugin; luci.sys process_list parses
    /// "busybox top -bn1": {"result": [{"PID", "PPID", "USER", "STAT", "VSZ", "%MEM", "%CPU", "COMMAND"}]}, all
    /// text). Only findings become facts, keyed by program, never by pid: openwrt.process.tmp.&lt;program&gt; for a
    /// program run from a writable place (/tmp, /var, /dev/shm, /mnt, ./), openwrt.process.deleted.&lt;program&gt;
    /// for one whose file was deleted after it started (its /proc/PID/exe link ends in " (deleted)", read with
    /// file.list /proc/PID for programs without an absolute path, at most <see cref="MaxExeChecks"/>), and
    /// openwrt.process.fake-kthread.&lt;name&gt; for a "[name]" that is not a child of kthreadd (Mirai-family
    /// implants rename themselves to look like kernel threads).
    /// </summary>
    public static class ProcessFacts
    {
        public const int MaxProcesses = 512;
        public const int MaxExeChecks = 6;

        // Command lines are looked at through this many bytes without making a string; longer ones are read as text.
        private const int RawCommandBytes = 256;

        private static readonly string[] Writable = new string[] { "/tmp/", "/var/", "/dev/shm/", "/mnt/", "./" };

        public static void Read(UbusSession session, OpenWrtFactSheet sheet)
        {
            JsonValue data = UbusProbe.Fetch(session, "luci", "getProcessList", null, null, "the process list (luci getProcessList)", false);
            JsonValue list = data == null ? null : data.Member("result");
            if (list == null || !list.IsArray) throw new UbusDataException("the process list has no \"result\" array");
            int n = list.Count;
            if (n > MaxProcesses)
            {
                ReadLimits.Add(sheet, "processes", "more than " + MaxProcesses.ToString() + " processes; the rest were not read");
                n = MaxProcesses;
            }
            // Programs to look up in /proc, gathered before the next call reuses the answer buffer.
            ArrayList checkPids = new ArrayList();
            ArrayList checkPrograms = new ArrayList();
            byte[] raw = new byte[RawCommandBytes];
            int skipped = 0;
            for (int i = 0; i < n; i++)
            {
                JsonValue p = list.Item(i);
                if (!p.IsObject) throw new UbusDataException("an entry of the process list is not an object");
                JsonKind commandKind, pidKind, ppidKind;
                if (!p.TryMemberKind("COMMAND", out commandKind) || (commandKind != JsonKind.String && commandKind != JsonKind.Number)
                    || !p.TryMemberKind("PID", out pidKind) || pidKind != JsonKind.String || !p.TryMemberKind("PPID", out ppidKind) || ppidKind != JsonKind.String)
                {
                    throw new UbusDataException("an entry of the process list has no COMMAND, PID or PPID");
                }
                // Most entries are kernel threads or programs with a full path in a system folder: decided on the bytes,
                // so only the few worth a closer look become strings.
                if (IsUnremarkable(p, raw, p.MemberRawText("COMMAND", raw))) continue;
                string command = p.MemberText("COMMAND");
                string program = Program(command);
                if (program.Length == 0) continue;
                if (program[0] == '[')
                {
                    // Kernel threads are kthreadd's (pid 2) children; kthreadd itself has parent 0.
                    if (!p.MemberTextEquals("PPID", "2") && !p.MemberTextEquals("PID", "2") && !p.MemberTextEquals("PPID", "0")) Add(sheet, "fake-kthread", program);
                    continue;
                }
                if (command.IndexOf("(deleted)") >= 0) Add(sheet, "deleted", program);
                if (IsWritable(program))
                {
                    Add(sheet, "tmp", program);
                    continue;
                }
                if (program[0] == '/' || program[0] == '-') continue;
                if (checkPids.Count < MaxExeChecks)
                {
                    string pid = p.MemberText("PID");
                    if (UciText.ParseNumber(pid) < 0) throw new UbusDataException("an entry of the process list has a PID that is not a number");
                    checkPids.Add(pid);
                    checkPrograms.Add(program);
                }
                else skipped++;
            }
            if (skipped > 0) ReadLimits.Add(sheet, "process-exe", "more than " + MaxExeChecks.ToString() + " programs without a full path; the others' files were not looked up");
            for (int i = 0; i < checkPids.Count; i++)
            {
                string exe = ExeTarget(session, (string)checkPids[i]);
                if (exe == null) continue;
                if (Ordinal.EndsWith(exe, " (deleted)")) Add(sheet, "deleted", (string)checkPrograms[i]);
                else if (IsWritable(exe)) Add(sheet, "tmp", exe);
            }
        }

        // file.list /proc/PID: the "exe" symlink entry's target name (rpcd adds "target" for symlinks); null when gone.
        private static string ExeTarget(UbusSession session, string pid)
        {
            string path = "/proc/" + pid;
            JsonValue data = UbusProbe.Fetch(session, "file", "list", "path", path, "the listing of ", path, true);
            if (data == null) return null;
            JsonValue entries = data.Member("entries");
            if (entries == null || !entries.IsArray) throw new UbusDataException("the listing of " + path + " has no \"entries\" array");
            for (int i = 0; i < entries.Count && i < 128; i++)
            {
                JsonValue e = entries.Item(i);
                if (!e.IsObject || !e.MemberTextEquals("name", "exe")) continue;
                JsonValue target = e.Member("target");
                return target == null || !target.IsObject ? null : target.MemberText("name");
            }
            return null;
        }

        private static void Add(OpenWrtFactSheet sheet, string finding, string program)
        {
            sheet.Add(sheet.Text.Clear().Append("openwrt.process.").Append(finding).Append('.').AppendKeySegment(program, 100).ToString(), "running", FactKind.Config);
        }

        // The first word of the command line ("[kthreadd]" kept whole).
        private static string Program(string command)
        {
            string c = command.Trim();
            if (c.Length > 0 && c[0] == '[')
            {
                int close = c.IndexOf(']');
                return close > 0 ? c.Substring(0, close + 1) : c;
            }
            int space = c.IndexOf(' ');
            return space < 0 ? c : c.Substring(0, space);
        }

        /// <summary>
        /// True when the raw command (<paramref name="count"/> bytes, -1 when unavailable) is a real kernel thread or a
        /// program with a full path outside the writable places and not deleted: nothing to report, nothing to copy.
        /// </summary>
        private static bool IsUnremarkable(JsonValue process, byte[] raw, int count)
        {
            int at = 0;
            while (at < count && raw[at] == ' ') at++;
            if (at >= count) return false;
            if (raw[at] == '[') return process.MemberTextEquals("PPID", "2") || process.MemberTextEquals("PID", "2") || process.MemberTextEquals("PPID", "0");
            if (raw[at] != '/') return false;
            if (Contains(raw, count, "(deleted)")) return false;
            for (int i = 0; i < Writable.Length; i++)
            {
                if (StartsWith(raw, at, count, Writable[i])) return false;
            }
            return true;
        }

        private static bool StartsWith(byte[] raw, int at, int count, string prefix)
        {
            if (count - at < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (raw[at + i] != prefix[i]) return false;
            return true;
        }

        private static bool Contains(byte[] raw, int count, string text)
        {
            for (int at = 0; at + text.Length <= count; at++) if (StartsWith(raw, at, count, text)) return true;
            return false;
        }

        private static bool IsWritable(string program)
        {
            for (int i = 0; i < Writable.Length; i++)
            {
                if (Ordinal.StartsWith(program, Writable[i])) return true;
            }
            return false;
        }
    }
}
