namespace FlaxGuard.NanoGate;

/// <summary>What the gate compiles by default.</summary>
public enum NanoGateTarget
{
    /// <summary>firmware/FlaxGuard.Engine alone, against firmware/NanoDeclarations (what the engine may use).</summary>
    Engine = 0,

    /// <summary>
    /// The ESP32 application as the nanoFramework build makes it: firmware/FlaxGuard.Esp32 and the engine sources in one
    /// assembly (FlaxGuard.Esp32), against firmware/NanoDeclarations plus firmware/NanoDeclarations.Esp32 (Wi-Fi, HTTP,
    /// sockets, GPIO, SNTP, file system, runtime). Extra sources (tests) are compiled into the same assembly.
    /// </summary>
    Esp32App = 1,
}
