using FlaxGuard.Wording;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Cli.Output;

/// <summary>The machine-readable form of a check, stable for scripts.</summary>
public static class JsonRenderer
{
    public sealed record FactJson(string Key, string Value, string Kind);

    public sealed record VerdictJson(string Kind, string Severity, string Code, string Subject, string Message);

    public sealed record DriftJson(string Change, string Key, string? Was, string? Now, string Severity, string Explanation);

    public sealed record CheckJson(string Target, string Status, int ExitCode, string Digest, bool FullyVerified, string HighestSeverity,
        FactJson[] Facts, VerdictJson[] Verdicts, DriftJson[]? Drift);

    public static CheckJson ToJson(CheckResult r)
    {
        var code = ExitCodes.For(r);
        DriftJson[]? drift = r.Drift is { } d
            ? Enumerable.Range(0, d.Count).Select(i => d[i]).Select(c => new DriftJson(DriftChange.KindName(c.Kind), c.Key, c.OldValue, c.NewValue, SeverityNames.Name(c.Severity), DriftSentences.For(c))).ToArray()
            : null;
        return new CheckJson(
            r.Target, ExitCodes.Name(code), code, r.DigestHex, r.FullyVerified, SeverityNames.Name(r.Highest),
            r.Facts.ToArray().Select(f => new FactJson(f.Key, f.Value, BaselineText.KindName(f.Kind))).ToArray(),
            r.Verdicts.Select(v => new VerdictJson(KindName(v.Kind), SeverityNames.Name(v.Severity), v.Code, v.Subject, v.Message)).ToArray(),
            drift);
    }

    public static string Render(CheckResult result) => JsonSerializer.Serialize(ToJson(result), CheckJsonContext.Default.CheckJson);

    private static string KindName(VerdictKind kind) => kind switch
    {
        VerdictKind.Firmware => "firmware",
        VerdictKind.Drift => "drift",
        VerdictKind.Exposure => "exposure",
        _ => "probe",
    };
}
