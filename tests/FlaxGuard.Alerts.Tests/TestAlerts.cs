using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>Alerts and hostile texts shared by the tests.</summary>
public static class TestAlerts
{
    /// <summary>
    /// A device name an attacker who controls the device's reported name might choose: quotes, brackets and
    /// backslashes (syslog SD escaping), a newline with a fake syslog header (log injection), NUL, a bidi override,
    /// non-ASCII incl. an emoji (surrogate pair), and far too long.
    /// </summary>
    public static readonly string HostileName =
        "Router \"evil\" ]\\ [x]\n<134>1 2026-01-01T00:00:00Z fake flaxguard - FINDING - injected\0 \u202Egnp.exe\u202C 日本語 ünïcödé 😀 "
        + new string('A', 300);

    public static string CleanedHostileName => AlertText.Clean(HostileName, AlertText.MaxDeviceNameLength);

    public static AlertEvent Event(
        string deviceName = "Office router",
        string key = "cfg.service.telnet",
        Severity severity = Severity.Critical,
        AlertState state = AlertState.Raised,
        string sentence = "Telnet was switched on: anyone on the network can try to log in.",
        string deviceId = "dev-1",
        int open = 1) =>
        new(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), "appliance-1", deviceId, AlertText.Clean(deviceName, AlertText.MaxDeviceNameLength),
            key, severity, sentence, state, new DateTimeOffset(2026, 11, 27, 3, 30, 0, TimeSpan.Zero), open, open > 0 ? severity : Severity.None);
}
