using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>Hikvision cameras and NVRs over ISAPI.</summary>
    public sealed class HikvisionFamily : DeviceFamily
    {
        public override string Profile { get { return "hikvision"; } }

        public override bool NeedsCredentials { get { return true; } }

        public override string WebInterfaceScheme { get { return "http"; } }

        /// <summary>
        /// The root page sets location to /doc/page/login.asp?_&lt;time&gt; by script (the URL as public camera inventories
        /// and scanners record it); the login page loads the interface's scripts and stylesheets from the firmware.
        /// </summary>
        public override string WebLoginPath { get { return "/doc/page/login.asp"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            string scheme = target.SchemeOr("http");
            IsapiOptions isapi = new IsapiOptions(new HttpCredentials(target.User, target.Password));
            isapi.UseHttps = scheme == "https";
            isapi.Port = target.PortFor(scheme);
            probes.Add(new IsapiProbe(isapi));
            return null;
        }

        public override void AddDriftRules(DriftRules rules)
        {
            // Cameras ship with SSH off; CVE-2021-36260 intruders switched it on.
            rules.Append(new DriftRule("cfg.camera.ssh", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.camera.ssh.on"));
            rules.Append(new DriftRule("cfg.camera.ssh", DriftRule.Removed, Severity.Info, "cfg.camera.ssh.off"));
            rules.Append(new DriftRule("cfg.push.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.push.set"));
            rules.Append(new DriftRule("cfg.push.*", DriftRule.Removed, Severity.Info, "cfg.push.removed"));
            rules.Append(new DriftRule("cfg.rtsp.auth", DriftRule.AnyChange, Severity.High, "cfg.rtsp.auth.changed"));
            // Issue 13: files CVE-2021-36260 exploits leave in the web root; accounts, lockout, filter and ports that keep
            // a camera open to an intruder; upload targets that carry footage away.
            rules.Append(new DriftRule("cfg.camera.webshell.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "cfg.camera.webshell.found"));
            rules.Append(new DriftRule("cfg.camera.webshell.*", DriftRule.Removed, Severity.Info, "cfg.camera.webshell.gone"));
            rules.Append(new DriftRule("cfg.camera.onvif-admin.*", DriftRule.Added, Severity.Critical, "cfg.camera.onvif-admin.added"));
            rules.Append(new DriftRule("cfg.camera.onvif-admin.*", DriftRule.Removed, Severity.Low, "cfg.camera.onvif-admin.removed"));
            rules.Append(new DriftRule("cfg.camera.onvif-user.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.camera.onvif-user.set"));
            rules.Append(new DriftRule("cfg.camera.onvif-user.*", DriftRule.Removed, Severity.Info, "cfg.camera.onvif-user.removed"));
            rules.Append(new DriftRule("cfg.camera.login-lock", DriftRule.Changed | DriftRule.Removed, Severity.High, "cfg.camera.login-lock.changed"));
            rules.Append(new DriftRule("cfg.camera.login-lock", DriftRule.Added, Severity.Info, "cfg.camera.login-lock.readable"));
            rules.Append(new DriftRule("cfg.camera.ipfilter", DriftRule.Changed | DriftRule.Removed, Severity.High, "cfg.camera.ipfilter.changed"));
            rules.Append(new DriftRule("cfg.camera.ipfilter", DriftRule.Added, Severity.Info, "cfg.camera.ipfilter.readable"));
            rules.Append(new DriftRule("cfg.camera.ipfilter.*", DriftRule.AnyChange, Severity.High, "cfg.camera.ipfilter.entry"));
            rules.Append(new DriftRule("cfg.camera.port.*", DriftRule.AnyChange, Severity.High, "cfg.camera.port.changed"));
            rules.Append(new DriftRule("cfg.camera.snmp.v1", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.camera.snmp.v1"));
            rules.Append(new DriftRule("cfg.camera.snmp.v2c", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.camera.snmp.community"));
            rules.Append(new DriftRule("cfg.camera.snmp.*", DriftRule.Added | DriftRule.Changed, Severity.Medium, "cfg.camera.snmp.on"));
            rules.Append(new DriftRule("cfg.camera.snmp.*", DriftRule.Removed, Severity.Info, "cfg.camera.snmp.off"));
            rules.Append(new DriftRule("cfg.camera.upload.*", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.camera.upload.set"));
            rules.Append(new DriftRule("cfg.camera.upload.*", DriftRule.Removed, Severity.Info, "cfg.camera.upload.removed"));
            // A resource that answered at the baseline and now says "not supported" may be hidden; one that appears is a firmware change.
            rules.Append(new DriftRule("hikvision.support.*", DriftRule.Added, Severity.Medium, "hikvision.support.lost"));
            rules.Append(new DriftRule("hikvision.support.*", DriftRule.Removed, Severity.Low, "hikvision.support.gained"));
            rules.Append(new DriftRule("hikvision.serial-digest", DriftRule.Changed, Severity.High, "hikvision.serial-digest.changed"));
            rules.Append(new DriftRule("hikvision.time.mode", DriftRule.Changed, Severity.Medium, "hikvision.time.mode.changed"));
        }
    }
}
