namespace FlaxGuard.NanoGate.Pe;

/// <summary>
/// The managed heap the firmware is judged against: an ESP32 without PSRAM. nanoCLR sizes it at boot
/// (targets/ESP32/_nanoCLR/Memory.cpp: internal RAM left free less a 100 KiB ESP-IDF reserve, 130 KiB with BLE), so no
/// fixed figure exists in the source; the measured one is from nanoFramework maintainer Adrian Soundy, GC.Run on
/// ESP32_REV0 right after boot (nf-interpreter pull request 2168, 2021-12-09): 79 KB free (49 KB on ESP32_BLE_REV0).
/// That figure already excludes mscorlib's own records, so it is compared with the FlaxGuard assemblies' records plus
/// what one probe run allocates. Measure a current build with GC.Run on the board when one is at hand.
/// </summary>
public static class Esp32Heap
{
    public const int Rev0FreeBytes = 79 * 1000;
    public const int BleRev0FreeBytes = 49 * 1000;
    public const string Source = "ESP32_REV0 without PSRAM: 79 KB free managed heap after boot (GC.Run, nf-interpreter PR 2168)";

    /// <summary>The runtime records of the real mscorlib.pe the gate ships (nano/mscorlib.pe), or null when it is missing.</summary>
    public static RuntimeRecordEstimate? CoreLibraryRecords()
    {
        string path = Path.Combine(Path.GetDirectoryName(typeof(Esp32Heap).Assembly.Location) ?? ".", "nano", "mscorlib.pe");
        if (!File.Exists(path)) return null;
        byte[] pe = File.ReadAllBytes(path);
        return RuntimeRecordEstimate.For(PeHeader.Parse(pe), pe);
    }
}
