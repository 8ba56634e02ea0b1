namespace FlaxGuard.NanoGate;

/// <summary>Which firmware assemblies (.nfproj files under firmware/) the gate compiles.</summary>
public enum NanoGateTarget
{
    /// <summary>Every firmware assembly (what CI runs).</summary>
    All = 0,

    /// <summary>Every Library assembly (the engine's), not the apps. With in-memory or --source sources: an ad-hoc
    /// assembly against firmware/NanoDeclarations only (what the engine may use).</summary>
    Engine = 1,

    /// <summary>The ESP32 application (every Exe .nfproj) and everything it references. With in-memory or --source
    /// sources: an ad-hoc assembly against firmware/NanoDeclarations and firmware/NanoDeclarations.Esp32.</summary>
    Esp32App = 2,
}
