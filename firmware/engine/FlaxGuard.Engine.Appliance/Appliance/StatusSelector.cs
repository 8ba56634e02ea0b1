using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Picks what the LED shows. Order: Critical (a critical finding must be visible even with the host gone),
    /// then Offline (findings cannot leave the appliance), then Drift (Medium/High findings, drift, or a
    /// device that could not be verified: "could not verify" is never shown as OK), else Ok.
    /// </summary>
    public static class StatusSelector
    {
        public static ApplianceStatus Select(StatusInputs inputs)
        {
            if (inputs == null) return ApplianceStatus.Offline;
            if (inputs.HasRound && inputs.Highest >= Severity.Critical) return ApplianceStatus.Critical;
            if (!inputs.NetworkUp || !inputs.HasJob) return ApplianceStatus.Offline;
            if (inputs.MsSinceHostContact < 0 || inputs.MsSinceHostContact > inputs.OfflineAfterMs) return ApplianceStatus.Offline;
            if (!inputs.HasRound) return ApplianceStatus.Ok;
            if (inputs.AnyDrift || inputs.AnyUnverified || inputs.Highest >= Severity.Medium) return ApplianceStatus.Drift;
            return ApplianceStatus.Ok;
        }
    }
}
