using System.Net;

namespace FlaxGuard.Server.Dashboard;

/// <summary>When the dashboard asks for a login.</summary>
public enum DashboardAuthMode
{
    /// <summary>Open on a loopback address (only this machine's users reach it), login required on any other.</summary>
    Auto,

    /// <summary>Login always required, also on loopback (shared machines, or reached through an SSH tunnel or proxy).</summary>
    Required,
}

public sealed class DashboardOptions
{
    public const string PasswordFileName = "dashboard-password";

    public DashboardAuthMode Auth { get; init; } = DashboardAuthMode.Auto;

    /// <summary>The salted PBKDF2 hash written by <c>flaxguard dashboard password</c> (never the password).</summary>
    public required string PasswordFile { get; init; }

    /// <summary>
    /// Where ASP.NET data protection keeps the keys of the session and anti-forgery cookies: beside the password file, in
    /// the data directory (never the home directory, so 'flaxguard demo' leaves nothing behind and serve's sessions survive
    /// a restart).
    /// </summary>
    public string KeysDirectory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(PasswordFile))!, KeysDirectoryName);

    public const string KeysDirectoryName = "dashboard-keys";

    /// <summary>How many recent results the device timeline plots.</summary>
    public int TimelineResults { get; init; } = 200;

    public static DashboardAuthMode ParseAuth(string text) => text.ToLowerInvariant() switch
    {
        "auto" => DashboardAuthMode.Auto,
        "required" => DashboardAuthMode.Required,
        _ => throw new StoreException($"--dashboard-auth '{text}' is not 'auto' or 'required'"),
    };

    /// <summary>Whether a login is needed for a server listening on <paramref name="listen"/>.</summary>
    public bool LoginRequired(IPAddress listen) => Auth == DashboardAuthMode.Required || !IPAddress.IsLoopback(listen);
}
