using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>Every vendor profile the suite covers. Adding a device family means adding its subject here.</summary>
public static class ScenarioSubjects
{
    /// <summary>The vendor profiles (each expresses the advisory compromises).</summary>
    public static readonly IReadOnlyList<IScenarioSubject> Vendors =
    [
        new ProfileScenarioSubject(ProbeProfiles.OpenWrt, "root", "Owrt-suite-pass", 81,
            async (a, u, p, ct) => (ILabTwin)await OpenWrtTwin.StartAsync(a, 0, u, p, ct)),
        new ProfileScenarioSubject(ProbeProfiles.RouterOs, "monitor", "Ros-suite-pass", 82,
            async (a, u, p, ct) => (ILabTwin)await RouterOsTwin.StartAsync(a, 0, u, p, ct)),
        new ProfileScenarioSubject(ProbeProfiles.Hikvision, "admin", "Hik-suite-pass", 83,
            async (a, u, p, ct) => (ILabTwin)await HikvisionTwin.StartAsync(a, 0, u, p, ct)),
        new ProfileScenarioSubject(ProbeProfiles.Onvif, "admin", "Onvif-suite-pass", 84,
            async (a, u, p, ct) => (ILabTwin)await OnvifTwin.StartAsync(a, 0, u, p, ct)),
    ];

    /// <summary>Every profile the suite covers: the vendors and the web interface of any device (issue 13's page tampering).</summary>
    public static readonly IReadOnlyList<IScenarioSubject> All =
    [
        .. Vendors,
        new ProfileScenarioSubject(ProbeProfiles.Web, "", "", 85,
            async (a, u, p, ct) => (ILabTwin)await LabWebDevice.StartAsync(a, token: ct)),
        // The same openwrt profile against a 21.02 router: firewall3 on iptables, where the live firewall is read with iptables.
        new ProfileScenarioSubject(ProbeProfiles.OpenWrt, "root", "Owrt-fw3-pass", 86,
            async (a, u, p, ct) => (ILabTwin)await OpenWrtTwin.StartAsync(a, 0, u, p, firewall3: true, ct), name: "openwrt-21.02"),
    ];

    /// <summary>The subject called <paramref name="name"/> (a profile, or a profile's variant such as "openwrt-21.02").</summary>
    public static IScenarioSubject Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no scenario subject called '{name}'");
}
