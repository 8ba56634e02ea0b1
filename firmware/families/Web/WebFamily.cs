using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Any device with a web admin page: HTTP fingerprint and TLS certificate.</summary>
    public sealed class WebFamily : DeviceFamily
    {
        public override string Profile { get { return "web"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            probes.Add(Fingerprint(target, "http"));
            return null;
        }

        /// <summary>The fingerprint of a device's web interface, at the address's scheme and port or the given default scheme.</summary>
        public static HttpFingerprintProbe Fingerprint(FamilyTarget target, string defaultScheme)
        {
            return Fingerprint(target, defaultScheme, null);
        }

        /// <param name="loginPath">The login page whose scripts and stylesheets are hashed too (<see cref="DeviceFamily.WebLoginPath"/>), or null.</param>
        public static HttpFingerprintProbe Fingerprint(FamilyTarget target, string defaultScheme, string loginPath)
        {
            string scheme = target.SchemeOr(defaultScheme);
            HttpFingerprintOptions web = new HttpFingerprintOptions();
            web.Scheme = scheme;
            web.Port = target.PortFor(scheme);
            // The dongle's memory is small: bound what one asset may cost in time, not in RAM (hashing streams).
            web.MaxDiscoveredAssets = 8;
            web.LoginPath = loginPath;
            return new HttpFingerprintProbe(web);
        }

        public override void AddDriftRules(DriftRules rules)
        {
            // Web interface tampering (issue 13): code or frames from another site, or a form posting elsewhere, is critical.
            rules.Append(new DriftRule("http.script.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.script.origin.added"));
            rules.Append(new DriftRule("http.iframe.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.iframe.origin.added"));
            rules.Append(new DriftRule("http.form.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.form.origin.added"));
            rules.Append(new DriftRule("http.base.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.base.origin.added"));
            // Plugins, code preloads or imports, and a refresh that sends the login page elsewhere, from another site: as critical.
            rules.Append(new DriftRule("http.object.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.object.origin.added"));
            rules.Append(new DriftRule("http.link.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.link.origin.added"));
            rules.Append(new DriftRule("http.refresh.origin.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "http.refresh.origin.added"));
            rules.Append(new DriftRule("http.*.origin.*", DriftRule.Removed, Severity.Low, "http.origin.removed"));
            rules.Append(new DriftRule("http.script.inline.*", DriftRule.Added, Severity.High, "http.script.inline.added"));
            rules.Append(new DriftRule("http.script.inline.*", DriftRule.Removed, Severity.Low, "http.script.inline.removed"));
            rules.Append(new DriftRule("http.script.uncounted", DriftRule.Added, Severity.High, "http.script.uncounted"));
            // An event handler (onerror=, onload= ...) runs code like an inline script.
            rules.Append(new DriftRule("http.handler.inline.*", DriftRule.Added | DriftRule.Changed, Severity.High, "http.handler.inline.added"));
            rules.Append(new DriftRule("http.handler.inline.*", DriftRule.Removed, Severity.Low, "http.handler.inline.removed"));
            rules.Append(new DriftRule("http.handler.uncounted", DriftRule.Added, Severity.High, "http.handler.uncounted"));
            rules.Append(new DriftRule("http.asset.*", DriftRule.Changed, Severity.High, "http.asset.changed"));
            rules.Append(new DriftRule("http.asset.*", DriftRule.Added | DriftRule.Removed, Severity.Medium, "http.asset.added-or-removed"));
            rules.Append(new DriftRule("tls.cert.*", DriftRule.AnyChange, Severity.Medium, "tls.cert.any"));
            rules.Append(new DriftRule("http.server", DriftRule.AnyChange, Severity.Medium, "http.server.any"));
            rules.Append(new DriftRule("http.*", DriftRule.AnyChange, Severity.Low, "http.any"));
        }
    }
}
