using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Identity and firmware from /system/resource, /system/package and /system/routerboard. fw.build is the
    /// "build-time" of the running RouterOS: it tells two builds of one version apart and exists on every device,
    /// while routerboard "current-firmware" is the RouterBOOT boot loader, absent on CHR and x86, so it is kept
    /// apart as routeros.routerboot. Uptime, load, memory, disk space and write counters are never facts.
    /// </summary>
    public static class RouterOsSystemFacts
    {
        public static string FromResource(JsonValue resource, RouterOsFactBuffer facts)
        {
            string channel;
            string rawVersion = RouterOsShape.CheckedField(resource, "version");
            if (rawVersion == null) return "it does not say which RouterOS version runs";
            string version = RouterOsText.SplitVersion(rawVersion, out channel);
            if (version == null) return "its version \"" + FactText.Clean(rawVersion, 40) + "\" is not a RouterOS version";
            facts.Add("fw.vendor", "mikrotik", FactKind.Identity);
            facts.Add("fw.version", version, FactKind.Firmware);
            if (channel != null) facts.Add("routeros.channel", channel, FactKind.Firmware);
            string board = Clean(RouterOsShape.CheckedField(resource, "board-name"), 80);
            if (board.Length > 0) facts.Add("fw.model", board, FactKind.Identity);
            string build = Clean(RouterOsShape.CheckedField(resource, "build-time"), 40);
            if (build.Length > 0) facts.Add("fw.build", build, FactKind.Firmware);
            string architecture = Ordinal.ToLowerAscii(Clean(RouterOsShape.CheckedField(resource, "architecture-name"), 40));
            if (architecture.Length > 0) facts.Add("routeros.architecture", architecture, FactKind.Identity);
            return null;
        }

        /// <summary>Installed, enabled packages besides the main "routeros" one (whose version is fw.version).</summary>
        public static string FromPackages(JsonValue packages, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < packages.Count; i++)
            {
                JsonValue package = packages.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(package, "disabled", false, ref problem);
                bool available = RouterOsShape.IsSetChecked(package, "available", false, ref problem);
                if (problem != null) return "package " + (i + 1).ToString() + ": " + problem;
                string name = Ordinal.ToLowerAscii(Clean(RouterOsShape.CheckedField(package, "name"), 64));
                if (name.Length == 0) return "package " + (i + 1).ToString() + " has no name";
                if (disabled || available) continue;
                string version = Clean(RouterOsShape.CheckedField(package, "version"), 40);
                // RouterOS installs only packages of the running version; another version is a package nobody upgraded with it.
                string system = facts.Get("fw.version");
                if (system != null && version.Length > 0 && version != system)
                {
                    string mismatch = facts.Text.Clear().Append("routeros.package-mismatch.").AppendKeySegment(name, 64).ToString();
                    facts.Add(mismatch, version, FactKind.Firmware);
                    facts.Verdicts.Add(new Verdict(VerdictKind.Firmware, Severity.High, "routeros.package-mismatch", mismatch,
                        "The RouterOS package " + name + " is version " + version + " while the system is " + system
                        + ". RouterOS installs and upgrades all packages together, so this package did not come with an upgrade."));
                }
                // MikroTik alone makes packages; a name it does not publish was installed by someone else.
                if (!RouterOsPackageNames.IsPublished(system, name))
                {
                    string unlisted = facts.Text.Clear().Append("routeros.package-unlisted.").AppendKeySegment(name, 64).ToString();
                    facts.Add(unlisted, version.Length == 0 ? "installed" : version, FactKind.Firmware);
                    facts.Verdicts.Add(new Verdict(VerdictKind.Firmware, Severity.High, "routeros.package.unlisted", unlisted,
                        "The package " + name + " is installed, but MikroTik publishes no RouterOS 7 package of that name. Packages come only from MikroTik; find out who installed it, or reinstall the router with Netinstall."));
                }
                if (name == "routeros" || name == "system") continue;
                string key = facts.Text.Clear().Append("routeros.package.").AppendKeySegment(name, 64).ToString();
                facts.Add(key, version.Length == 0 ? "installed" : version, FactKind.Firmware);
            }
            return null;
        }

        public static string FromRouterboard(JsonValue board, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool routerboard = RouterOsShape.IsSetChecked(board, "routerboard", false, ref problem);
            if (problem != null) return problem;
            if (!routerboard) return null;
            string model = Clean(RouterOsShape.CheckedField(board, "model"), 80);
            if (model.Length > 0) facts.Add("routeros.routerboard.model", model, FactKind.Identity);
            string boot = Clean(RouterOsShape.CheckedField(board, "current-firmware"), 40);
            if (boot.Length > 0) facts.Add("routeros.routerboot", boot, FactKind.Firmware);
            return null;
        }

        internal static string Clean(string raw, int max)
        {
            return raw == null ? string.Empty : FactText.Clean(raw, max);
        }
    }
}
