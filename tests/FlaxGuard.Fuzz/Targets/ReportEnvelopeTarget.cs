using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="ReportVerifier"/> (an appliance's sealed report as the host receives it): first as sent, then signed
/// again with the test key so <see cref="ReportCodec"/> (or <see cref="LanInventoryCodec"/>) reads the body. Refusal is a <see cref="ReportVerification"/>
/// that is not accepted; nothing may throw. An accepted report must seal again into one that verifies the same.
/// </summary>
public sealed class ReportEnvelopeTarget : IFuzzTarget
{
    private const long Window = 300;

    public string Name => "report";

    public string Feeds => "a sealed report envelope to ReportVerifier.Verify (as sent, and signed again)";

    public bool Run(byte[] input)
    {
        byte[] key = FuzzKeys.ApplianceKey;
        _ = ReportEnvelope.PeekCounter(input);
        _ = ReportEnvelope.PeekDeviceId(input);
        Verify(input, key);
        byte[]? signed = Seal.WithFreshMac(input, key);
        if (signed is null) return false;
        Report? report = Verify(signed, key);
        if (report is null) return false;

        // What the host accepted, it can seal and read back unchanged (the appliance's own code path).
        byte[] again = ReportEnvelope.Seal(report, key);
        Report? back = Verify(again, key) ?? throw new FuzzContractException("an accepted report sealed again is refused");
        if (Describe(back) != Describe(report)) throw new FuzzContractException("an accepted report does not survive sealing again");
        return true;
    }

    private static Report? Verify(byte[] envelope, byte[] key)
    {
        ReportVerification result = ReportVerifier.Verify(envelope, key, FuzzClockSeconds, Window)
            ?? throw new FuzzContractException("ReportVerifier.Verify returned null");
        if (result.Accepted != (result.Report is not null)) throw new FuzzContractException("accepted and report disagree");
        if (!result.Accepted && string.IsNullOrEmpty(result.Reason)) throw new FuzzContractException("a refused report without a reason");
        return result.Report;
    }

    private static long FuzzClockSeconds => Fakes.FixedClock.UnixSeconds;

    private static string Describe(Report report)
    {
        var text = new System.Text.StringBuilder();
        text.Append(report.DeviceId).Append('|').Append(report.Counter).Append('|').Append(report.TimestampUnixSeconds);
        foreach (ReportTarget target in report.Targets)
        {
            text.Append("|t:").Append(target.TargetId).Append(':').Append(target.Facts.DigestHex());
            foreach (var verdict in target.Verdicts) text.Append("|v:").Append(verdict.Code).Append(':').Append(verdict.Subject).Append(':').Append(verdict.Message).Append(':').Append(verdict.Severity).Append(verdict.Kind);
        }
        if (report.Inventory is { } inventory)
        {
            text.Append("|lan:").Append(inventory.Network).Append(':').Append(inventory.ElapsedMs).Append(':').Append(inventory.TurnedAway);
            foreach (LanDevice d in inventory.Devices)
                text.Append("|d:").AppendJoin(':', d.Address, d.Mac, d.Vendor, d.Model, d.Name, d.Kind, d.Profile, d.Confidence, d.Reason, d.Sources, string.Join(',', d.Ports));
        }
        return text.ToString();
    }
}
