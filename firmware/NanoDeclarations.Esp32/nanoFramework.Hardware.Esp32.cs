// nanogate-assembly: nanoFramework.Hardware.Esp32
//
// Package:  nanoFramework.Hardware.Esp32 1.6.42 (NuGet), assembly nanoFramework.Hardware.Esp32
// Upstream: https://github.com/nanoframework/nanoFramework.Hardware.Esp32  (nanoFramework.Hardware.Esp32/NativeMemory.cs)
//
// COMPILE-ONLY declaration for the nanoFramework gate. Never deployed. Only NativeMemory, which the dongle uses to log
// how much native heap (TLS, lwIP, Wi-Fi live there, not in the managed heap) is left after each target.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.6.42.0")]

namespace nanoFramework.Hardware.Esp32
{
    // mirrors nanoFramework.Hardware.Esp32 1.6.42: nanoFramework.Hardware.Esp32/nanoFramework.Hardware.Esp32/NativeMemory.cs
    public class NativeMemory
    {
        public enum MemoryType
        {
            All,
            Internal,
            SpiRam,
        }

        public static void GetMemoryInfo(MemoryType memoryType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock) { throw new System.NotImplementedException(); }
    }
}
