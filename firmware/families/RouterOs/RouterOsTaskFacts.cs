using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// What the router runs by itself: /system/script (a digest of each source) and /system/scheduler (interval and
    /// a digest of the on-event text). A task that downloads something, in its own text or in a script it runs, also
    /// gets cfg.scheduler.NAME.fetch = the host it fetches from: the way implants reinstall themselves after a reboot.
    /// Run counts, next-run and last-started times are never facts.
    /// </summary>
    public static class RouterOsTaskFacts
    {
        /// <summary>
        /// Adds cfg.script.NAME facts and returns, for <see cref="FromSchedulers"/>, each script name (the first of a repeated
        /// name) with the host its source fetches from (empty when it fetches nothing), or null with <paramref name="problem"/>.
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

        public static string FromSchedulers(JsonValue tasks, Hashtable scriptFetchHosts, RouterOsFactBuffer facts)
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
                string host = RouterOsText.FetchHostOfCollapsed(collapsed);
                if (host == null && scriptFetchHosts != null)
                {
                    foreach (DictionaryEntry entry in scriptFetchHosts)
                    {
                        if (!RouterOsText.RunsScriptCollapsed(collapsed, (string)entry.Key)) continue;
                        string scriptHost = (string)entry.Value;
                        if (scriptHost.Length > 0 && (host == null || Ordinal.Compare(scriptHost, host) < 0)) host = scriptHost;
                    }
                }
                if (host != null) facts.Add(text.Clear().Append(key).Append(".fetch").ToString(), host, FactKind.Config);
            }
            return null;
        }
    }
}
