using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Cli.Checking;

/// <summary>Adds the firmware database's verdicts (known-good, unknown, known-exploited, changed; measured flash parts) to a check.</summary>
public static class FirmwareVerdicts
{
    public static CheckResult Add(CheckResult result, string databasePath, byte[] key, Baseline? baseline)
    {
        if (!File.Exists(databasePath)) throw new UserInputException($"firmware database '{databasePath}' does not exist");
        using var file = FileBlobReader.SingleFile(databasePath, "hashdb");
        var reader = HashDbReader.Open(file, "hashdb", key, HashDbReader.DefaultBufferBytes, out var problem);
        var now = FirmwareObservation.FromFacts(result.Facts);
        var before = baseline is null ? null : FirmwareObservation.FromFacts(baseline.Facts);
        Verdict[] firmware = [.. FirmwareAssessor.Assess(reader, reader is null ? problem : null, now, before), .. FirmwarePartAssessor.Assess(reader!, result.Facts)];
        if (firmware.Length == 0) return result;
        return new CheckResult(result.Target, result.Facts, [.. result.Verdicts, .. firmware], result.Drift, result.VolatileDropped);
    }
}
