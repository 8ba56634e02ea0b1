using System.Collections.Frozen;

namespace FlaxGuard.Wording;

/// <summary>
/// What the owner should do about a verdict the appliance sends (its message says what was found; the device sends no
/// advice, so it is worded here once for the dashboard, status and alerts).
/// </summary>
public static class VerdictAdvice
{
    private static readonly FrozenDictionary<string, string> Advice = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["auth.factory_password"] = "Change that password now to a long, unique one, and switch telnet off if you do not use it: factory passwords are the first thing Mirai-family botnets try, and a device already logged into may carry an implant, so reboot it after the change and watch its next reports.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code that has advice.</summary>
    public static IEnumerable<string> Codes => Advice.Keys;

    /// <summary>The verdict's message followed by the advice for its code, if any.</summary>
    public static string Sentence(string code, string message) =>
        Advice.TryGetValue(code, out var advice) ? message.TrimEnd() + " " + advice : message;
}
