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
        /// <summary>Adds cfg.script.NAME facts and returns name to source for <see cref="FromSchedulers"/>, or null with <paramref name="problem"/>.</summary>
        public static Hashtable FromScripts(JsonValue scripts, RouterOsFactBuffer facts, out string problem)
        {
            problem = null;
            Hashtable sources = new Hashtable();
            for (int i = 0; i < scripts.Count; i++)
            {
                JsonValue script = scripts.Item(i);
                string name = RouterOsShape.Field(script, "name");
                string source = RouterOsShape.Field(script, "source");
                if (name == null || name.Length == 0 || source == null)
                {
                    problem = "script " + (i + 1).ToString() + " has no name or source";
                    return null;
                }
                facts.Add("cfg.script." + FactText.KeySegment(name, 64), RouterOsText.ScriptDigest(source), FactKind.Config);
                if (!sources.Contains(name)) sources.Add(name, source);
            }
            return sources;
        }

        public static string FromSchedulers(JsonValue tasks, Hashtable scriptSources, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < tasks.Count; i++)
            {
                JsonValue task = tasks.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSet(task, "disabled", false, ref problem);
                if (problem != null) return "scheduled task " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.Field(task, "name");
                string onEvent = RouterOsShape.Field(task, "on-event");
                if (name == null || name.Length == 0 || onEvent == null) return "scheduled task " + (i + 1).ToString() + " has no name or on-event";
                // A disabled task does not run; enabling it later shows as a new task.
                if (disabled) continue;
                string interval = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.Field(task, "interval"), 32));
                if (interval.Length == 0) interval = "0s";
                string key = "cfg.scheduler." + FactText.KeySegment(name, 64);
                facts.Add(key, interval + " " + RouterOsText.ScriptDigest(onEvent), FactKind.Config);
                string host = RouterOsText.FetchHost(onEvent);
                if (host == null && scriptSources != null)
                {
                    foreach (DictionaryEntry entry in scriptSources)
                    {
                        if (!RouterOsText.RunsScript(onEvent, (string)entry.Key)) continue;
                        string scriptHost = RouterOsText.FetchHost((string)entry.Value);
                        if (scriptHost != null && (host == null || Ordinal.Compare(scriptHost, host) < 0)) host = scriptHost;
                    }
                }
                if (host != null) facts.Add(key + ".fetch", host, FactKind.Config);
            }
            return null;
        }
    }
}
