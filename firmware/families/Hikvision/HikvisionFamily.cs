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
            rules.Append(new DriftRule("hikvision.serial-digest", DriftRule.Changed, Severity.High, "hikvision.serial-digest.changed"));
            rules.Append(new DriftRule("hikvision.time.mode", DriftRule.Changed, Severity.Medium, "hikvision.time.mode.changed"));
        }
    }
}
