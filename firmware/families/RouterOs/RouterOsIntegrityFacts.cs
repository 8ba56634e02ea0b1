using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// RouterOS's own evidence about its integrity, and what was dropped on its storage.
    /// <para>/system/device-mode (7.13 and later): routeros.device-mode = the mode, and routeros.device-mode.flagged =
    /// yes while RouterOS says it detected tampering with its system files ("flagged"; MikroTik's Device-mode manual).
    /// Changing the mode needs a button press or a power cycle at the router, so a changed mode is news too.</para>
    /// <para>check-installation: RouterOS verifies its installed packages. Its REST form is a console command run with
    /// POST /rest/system/check-installation and the body {"once":""} (the command's arguments once, interval, duration
    /// ... as tikoci/restraml's inspect.json lists them for v7; POST for commands from MikroTik's REST API manual), whose
    /// answer is a list with one object, as monitor-style commands give. No published source shows the text of that
    /// object's "status", so: a status saying "ok" without "not", "damage", "corrupt", "fail", "error" or "invalid" is
    /// routeros.installation = ok; any other status is kept cleaned as it is, so a change of wording or result is drift;
    /// a router that refuses the command (older release, or a group without the policy it needs) gives "unavailable".</para>
    /// <para>/file: cfg.file.package.NAME for .npk files (installed at the next reboot) and cfg.file.script.NAME for .rsc
    /// files (run by /import, or at upload when named *.auto.rsc). Size and times change with every export and are not kept.</para>
    /// </summary>
    public static class RouterOsIntegrityFacts
    {
        public const string InstallationOk = "ok";
        public const string InstallationUnavailable = "unavailable";

        private static readonly string[] Bad = new string[] { "not", "damage", "corrupt", "fail", "error", "invalid" };

        /// <summary>Adds the device-mode facts; returns true when the router says it is flagged.</summary>
        public static bool FromDeviceMode(JsonValue mode, RouterOsFactBuffer facts, out string problem)
        {
            problem = null;
            string name = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(mode, "mode"), 32);
            if (name.Length == 0)
            {
                problem = "the device-mode settings do not name a mode";
                return false;
            }
            facts.Add("routeros.device-mode", name, FactKind.Firmware);
            bool flagged = RouterOsShape.IsSetChecked(mode, "flagged", false, ref problem);
            if (problem != null)
            {
                problem = "the device-mode settings: " + problem;
                return false;
            }
            if (flagged) facts.Add("routeros.device-mode.flagged", "yes", FactKind.Firmware);
            return flagged;
        }

        /// <summary>The routeros.installation value for a check-installation answer (see the class summary), or null with <paramref name="problem"/>.</summary>
        public static string InstallationStatus(JsonValue answer, out string problem)
        {
            problem = null;
            JsonValue result = answer;
            if (answer.Kind == JsonKind.Array)
            {
                if (answer.Count == 0)
                {
                    problem = "check-installation gave an empty answer";
                    return null;
                }
                // "once" gives one object; if a release streams more, the last one holds the result.
                result = answer.Item(answer.Count - 1);
            }
            string why = RouterOsShape.RecordProblem(result);
            if (why != null)
            {
                problem = "the check-installation result " + why;
                return null;
            }
            string status = RouterOsShape.CheckedField(result, "status");
            if (status == null)
            {
                problem = "the check-installation result has no status";
                return null;
            }
            string text = Ordinal.ToLowerAscii(FactText.Clean(status, 100));
            if (text.Length == 0)
            {
                problem = "the check-installation status is empty";
                return null;
            }
            if (RouterOsText.Find(text, "ok", 0) < 0) return text;
            for (int i = 0; i < Bad.Length; i++)
            {
                if (RouterOsText.Find(text, Bad[i], 0) >= 0) return text;
            }
            return InstallationOk;
        }

        /// <summary>/file (read with .proplist=name,type): package and script files.</summary>
        public static string FromFiles(JsonValue files, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < files.Count; i++)
            {
                JsonValue file = files.Item(i);
                string name = RouterOsShape.CheckedField(file, "name");
                if (name == null || name.Length == 0) return "file " + (i + 1).ToString() + " has no name";
                string lower = Ordinal.ToLowerAscii(name.Trim());
                string type = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(file, "type"), 32);
                string kind = null;
                if (Ordinal.EndsWith(lower, ".npk") || type == "package") kind = "package";
                else if (Ordinal.EndsWith(lower, ".rsc") || type == "script") kind = "script";
                if (kind == null) continue;
                facts.Add(facts.Text.Clear().Append("cfg.file.").Append(kind).Append('.').AppendKeySegment(name.Trim(), 120).ToString(), "present", FactKind.Config);
            }
            return null;
        }
    }
}
