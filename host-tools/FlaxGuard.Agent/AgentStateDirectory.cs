namespace FlaxGuard.Agent;

/// <summary>
/// Where the agent keeps its state when --state-dir is not given: the directory systemd created for the unit
/// ($STATE_DIRECTORY), /var/lib/flaxguard-agent for root, else $XDG_STATE_HOME/flaxguard-agent
/// (~/.local/state/flaxguard-agent).
/// </summary>
public static class AgentStateDirectory
{
    public const string Name = "flaxguard-agent";

    public static string Default()
    {
        var systemd = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
        if (!string.IsNullOrEmpty(systemd)) return systemd.Split(':')[0];
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root") return Path.Combine("/var/lib", Name);
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, Name);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", Name);
    }
}
