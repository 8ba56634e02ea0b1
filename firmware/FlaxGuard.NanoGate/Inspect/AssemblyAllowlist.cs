namespace FlaxGuard.NanoGate.Inspect;

/// <summary>The assemblies a nanoFramework 1.x application may reference (assembly names of the 1.x packages,
/// see shared/reference/nanoframework-api.md section 2). Anything else cannot be deployed to the device.</summary>
public static class AssemblyAllowlist
{
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "mscorlib",
        "nanoFramework.System.Text",
        "nanoFramework.System.Collections",
        "System.Math",
        "System.IO.Streams",
        "System.IO.FileSystem",
        "System.Net",
        "System.Net.Http",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient",
        "System.Threading",
        "System.Device.Wifi",
        "System.Device.Gpio",
        "nanoFramework.Hardware.Esp32",
        "nanoFramework.Runtime.Native",
        "nanoFramework.Runtime.Events",
        "nanoFramework.Networking.Sntp",
        "nanoFramework.System.Security.Cryptography",
        "nanoFramework.Json",
        "System.Device.I2c",
        "nanoFramework.System.Runtime",
    };

    private static readonly HashSet<string> Set = new(Names, StringComparer.Ordinal);

    /// <summary>Exact (case-sensitive) match against the allowlist.</summary>
    public static bool Contains(string assemblyName) => Set.Contains(assemblyName);
}
