using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// What the router runs by itself: /system/script (a digest of each source), /system/scheduler (interval and a
    /// digest of the on-event text) and /tool/netwatch (a digest of its up, down and test scripts, keyed by the host
    /// it watches). A task that downloads something, in its own text, in a script it runs or in a file it imports,
    /// also gets NAME.fetch = the host it fetches from: the way implants (Meris among them) reinstall themselves after
    /// a reboot. Scripts RouterOS runs on events (PPP profiles' on-up/on-down, DHCP servers' lease-script, DHCP clients'
    /// script) are read the same way. Run counts, next-run, last-started times and netwatch status are never facts.
    /// </summary>
    public static class RouterOsTaskFacts
    {
        /// <summary>Files whose text is read to follow /import, at most, per run.</summary>
        public const int MaxImportedFiles = 8;

        /// <summary>
        /// Adds cfg.script.NAME facts and returns, for <see cref="FromSchedulers"/>, each script name (the first of a repeated
        /// name) with what its source fetches (a host, "unknown", "import:FILE", or empty when nothing), or null with <paramref name="problem"/>.
        /// </summary>
        public static Hashtable FromScripts(JsonValue scripts, RouterOsFactBuffer facts, out string problem)
        {
            problem = null;
            Hashtable fetchHosts = new Hashtable();
            for (int i = 0; i < scripts.Count; i++)
            {
                JsonValue script = scripts.Item(i);
                string name = RouterOsShape.CheckedField(script, "name");
                string source = RouterOsShape.CheckedField(script, "source");
                if (name == null || name.Length == 0 || source == null)
                {
                    problem = "script " + (i + 1).ToString() + " has no name or source";
                    return null;
                }
                // Collapsed once, for the digest and the fetch search both.
                string collapsed = RouterOsText.CollapseBlanks(source);
                string key = facts.Text.Clear().Append("cfg.script.").AppendKeySegment(name, 64).ToString();
                facts.Add(key, facts.Digest.Start().Add(collapsed).FinishHex16(facts.Text.Clear()).ToString(), FactKind.Config);
                if (fetchHosts.Contains(name)) continue;
                string host = RouterOsText.FetchHostOfCollapsed(collapsed);
                fetchHosts.Add(name, host == null ? string.Empty : host);
            }
            return fetchHosts;
        }

        /// <summary>
        /// cfg.scheduler.NAME facts; the .fetch facts go to <paramref name="fetches"/> (key, host pairs) for
        /// <see cref="AddFetches"/>, because an imported file is read only after this answer.
        /// </summary>
        public static string FromSchedulers(JsonValue tasks, Hashtable scriptFetchHosts, RouterOsFactBuffer facts, ArrayList fetches)
        {
            for (int i = 0; i < tasks.Count; i++)
            {
                JsonValue task = tasks.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(task, "disabled", false, ref problem);
                if (problem != null) return "scheduled task " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.CheckedField(task, "name");
                string onEvent = RouterOsShape.CheckedField(task, "on-event");
                if (name == null || name.Length == 0 || onEvent == null) return "scheduled task " + (i + 1).ToString() + " has no name or on-event";
                // A disabled task does not run; enabling it later shows as a new task.
                if (disabled) continue;
                string interval = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(task, "interval"), 32));
                if (interval.Length == 0) interval = "0s";
                string collapsed = RouterOsText.CollapseBlanks(onEvent);
                TextBuilder text = facts.Text.Clear().Append("cfg.scheduler.").AppendKeySegment(name, 64);
                string key = text.ToString();
                facts.Add(key, facts.Digest.Start().Add(collapsed).FinishHex16(text.Clear().Append(interval).Append(' ')).ToString(), FactKind.Config);
                AddPending(fetches, key, HostOf(collapsed, scriptFetchHosts));
            }
            return null;
        }

        /// <summary>cfg.netwatch.HOST = digest of its scripts and type; the .fetch facts go to <paramref name="fetches"/>.</summary>
        public static string FromNetwatch(JsonValue watches, Hashtable scriptFetchHosts, RouterOsFactBuffer facts, ArrayList fetches)
        {
            for (int i = 0; i < watches.Count; i++)
            {
                JsonValue watch = watches.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(watch, "disabled", false, ref problem);
                if (problem != null) return "netwatch entry " + (i + 1).ToString() + ": " + problem;
                string host = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(watch, "host"), 100));
                if (host.Length == 0) return "netwatch entry " + (i + 1).ToString() + " watches no host";
                if (disabled) continue;
                string up = RouterOsText.CollapseBlanks(RouterOsShape.CheckedField(watch, "up-script"));
                string down = RouterOsText.CollapseBlanks(RouterOsShape.CheckedField(watch, "down-script"));
                string test = RouterOsText.CollapseBlanks(RouterOsShape.CheckedField(watch, "test-script"));
                string type = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(watch, "type"), 16));
                TextBuilder text = facts.Text.Clear().Append("cfg.netwatch.").AppendKeySegment(host, 100);
                string key = text.ToString();
                string digest = facts.Digest.Start().Add(up).Add("\n").Add(down).Add("\n").Add(test).FinishHex16();
                facts.Add(key, text.Clear().Append(type.Length == 0 ? "simple" : type).Append(' ').Append(digest).ToString(), FactKind.Config);
                string fetched = HostOf(up, scriptFetchHosts);
                if (fetched == null) fetched = HostOf(down, scriptFetchHosts);
                if (fetched == null) fetched = HostOf(test, scriptFetchHosts);
                AddPending(fetches, key, fetched);
            }
            return null;
        }

        /// <summary>
        /// cfg.event.MENU.NAME = digest of a script RouterOS runs on an event: a PPP profile's on-up and on-down, a DHCP
        /// server's lease-script, a DHCP client's script. Only set scripts become facts (stock ones are empty); a disabled
        /// server or client runs none. <paramref name="nameField"/> names the entry (name, or interface for a client).
        /// </summary>
        public static string FromEventScripts(JsonValue entries, string menu, string nameField, string scriptField, string secondScriptField,
            Hashtable scriptFetchHosts, RouterOsFactBuffer facts, ArrayList fetches)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                JsonValue entry = entries.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(entry, "disabled", false, ref problem);
                if (problem != null) return menu + " entry " + (i + 1).ToString() + ": " + problem;
                if (disabled) continue;
                string first = RouterOsText.CollapseBlanks(RouterOsShape.CheckedField(entry, scriptField));
                string second = secondScriptField == null ? string.Empty : RouterOsText.CollapseBlanks(RouterOsShape.CheckedField(entry, secondScriptField));
                if (first.Length == 0 && second.Length == 0) continue;
                string name = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(entry, nameField), 64);
                if (name.Length == 0) return menu + " entry " + (i + 1).ToString() + " has no " + nameField;
                string key = facts.Text.Clear().Append("cfg.event.").Append(menu).Append('.').AppendKeySegment(name, 64).ToString();
                facts.Add(key, facts.Digest.Start().Add(first).Add("\n").Add(second).FinishHex16(), FactKind.Config);
                string fetched = HostOf(first, scriptFetchHosts);
                if (fetched == null) fetched = HostOf(second, scriptFetchHosts);
                AddPending(fetches, key, fetched);
            }
            return null;
        }

        /// <summary>The file names of "import:FILE" hosts in <paramref name="fetches"/>, each once, at most <see cref="MaxImportedFiles"/>.</summary>
        public static ArrayList ImportedFiles(ArrayList fetches)
        {
            ArrayList files = new ArrayList();
            for (int i = 1; i < fetches.Count; i += 2)
            {
                string host = (string)fetches[i];
                if (!Ordinal.StartsWith(host, "import:")) continue;
                string file = host.Substring(7);
                if (!files.Contains(file) && files.Count < MaxImportedFiles) files.Add(file);
            }
            return files;
        }

        /// <summary>
        /// Adds the pending KEY.fetch facts. An "import:FILE" host becomes what that file's text fetches (from
        /// <paramref name="importedHosts"/>: file name to host, or empty when it fetches nothing); a file that could not be
        /// read stays "import:FILE", which is still code from outside the configuration.
        /// </summary>
        public static void AddFetches(ArrayList fetches, Hashtable importedHosts, RouterOsFactBuffer facts)
        {
            for (int i = 0; i + 1 < fetches.Count; i += 2)
            {
                string key = (string)fetches[i];
                string host = (string)fetches[i + 1];
                if (Ordinal.StartsWith(host, "import:") && importedHosts != null && importedHosts.Contains(host.Substring(7)))
                {
                    host = (string)importedHosts[host.Substring(7)];
                    if (host.Length == 0 || Ordinal.StartsWith(host, "import:")) host = host.Length == 0 ? null : host;
                }
                if (host != null) facts.Add(facts.Text.Clear().Append(key).Append(".fetch").ToString(), host, FactKind.Config);
            }
        }

        // What collapsed task text fetches, directly or through a script it runs.
        private static string HostOf(string collapsed, Hashtable scriptFetchHosts)
        {
            if (collapsed == null || collapsed.Length == 0) return null;
            string host = RouterOsText.FetchHostOfCollapsed(collapsed);
            if (host != null || scriptFetchHosts == null) return host;
            foreach (DictionaryEntry entry in scriptFetchHosts)
            {
                if (!RouterOsText.RunsScriptCollapsed(collapsed, (string)entry.Key)) continue;
                string scriptHost = (string)entry.Value;
                if (scriptHost.Length > 0 && (host == null || Ordinal.Compare(scriptHost, host) < 0)) host = scriptHost;
            }
            return host;
        }

        private static void AddPending(ArrayList fetches, string key, string host)
        {
            if (host == null) return;
            fetches.Add(key);
            fetches.Add(host);
        }
    }
}
