namespace FlaxGuard.Server;

/// <summary>Where FlaxGuard keeps its database and master key when the user names neither.</summary>
public static class DataPaths
{
    public const string DatabaseFileName = "flaxguard.db";

    /// <summary><c>$XDG_DATA_HOME/flaxguard</c>, else <c>~/.local/share/flaxguard</c>.</summary>
    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "flaxguard");
    }
}
