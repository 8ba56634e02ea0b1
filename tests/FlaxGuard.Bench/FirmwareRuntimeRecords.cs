using FlaxGuard.NanoGate;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.Bench;

/// <summary>
/// What loading the firmware costs the ESP32's managed heap before the app allocates anything: nanoCLR's records for
/// every FlaxGuard assembly, estimated from the .pe files nanoFramework's own metadata processor makes (the gate builds
/// them), added to the largest probe's engine bytes and judged against an ESP32_REV0 without PSRAM.
/// </summary>
internal static class FirmwareRuntimeRecords
{
    /// <summary>Prints the records per assembly and the sum with <paramref name="largestProbeBytes"/>; false when it
    /// does not fit the heap, or when the .pe files could not be made.</summary>
    public static bool Report(long largestProbeBytes, out long records)
    {
        records = 0;
        string peOut = Directory.CreateTempSubdirectory("flaxguard-agent-memory-pe-").FullName;
        try
        {
            Console.WriteLine();
            Console.WriteLine("Firmware assemblies: nanoFramework's metadata processor makes each .pe (the gate, --target esp32)...");
            NanoGateResult gate = NanoGateRunner.Run(new NanoGateOptions { Target = NanoGateTarget.Esp32App, PeOutputDirectory = peOut, RequireMetadataProcessor = true });
            if (!gate.Passed || gate.Assemblies.Any(a => a.RuntimeRecords == null))
            {
                Console.WriteLine("  the gate did not make every .pe, so the runtime records cannot be estimated:");
                Console.WriteLine(gate.Report);
                return false;
            }
            Console.WriteLine($"  {"assembly",-30} {"runtime records",16} {"types",6} {"methods",8} {"fields",7}");
            foreach (AssemblyGateResult assembly in gate.Assemblies)
            {
                PeHeader pe = assembly.Pe!;
                Console.WriteLine($"  {assembly.Name,-30} {assembly.RuntimeRecords!.Total,16:N0} {pe[PeTableKind.TypeDef].RowCount,6} {pe[PeTableKind.MethodDef].RowCount,8} {pe[PeTableKind.FieldDef].RowCount,7}");
            }
            records = gate.Assemblies.Sum(a => (long)a.RuntimeRecords!.Total);
            long needed = records + largestProbeBytes;
            bool fits = needed < Esp32Heap.Rev0FreeBytes;
            Console.WriteLine($"Runtime records of {gate.Assemblies.Count} FlaxGuard assemblies: {records:N0} bytes (mscorlib's {Esp32Heap.CoreLibraryRecords()?.Total ?? 0:N0} are already out of the heap figure;");
            Console.WriteLine("  the nanoFramework packages' own records and TLS, Wi-Fi and lwIP buffers are not counted).");
            Console.WriteLine($"Records + largest probe: {needed:N0} bytes = {needed / 1024.0:0.0} KiB of {Esp32Heap.Source}: {(fits ? "fits" : "DOES NOT FIT")}, {Esp32Heap.Rev0FreeBytes - needed:N0} bytes left.");
            return fits;
        }
        finally
        {
            Directory.Delete(peOut, recursive: true);
        }
    }
}
