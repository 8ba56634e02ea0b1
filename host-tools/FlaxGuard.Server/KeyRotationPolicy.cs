namespace FlaxGuard.Server;

/// <summary>
/// Why a rotated key is refused at once, even for reports it sealed before the rotation.
/// <para>
/// A report's sealed time is written by whoever holds the key. A key is rotated because it may be in other hands (a
/// lost dongle, a copied provisioning file); whoever has it can seal a report dated before the rotation with any
/// counter and any findings. The host stores reports however old they are (history after an outage), and a report
/// older than the device's latest result only becomes history, but one sealed ahead of the latest would become the
/// device's state, and any counter above the mark would push the real appliance into counter conflicts. So there is no
/// safe grace period keyed on the sealed time: the old key gets 401 for every request from the moment 'agent rekey'
/// commits.
/// </para>
/// <para>
/// Consequence for the owner: reports still queued on the appliance under the old key are refused (the appliance
/// keeps them and logs the refusal). Rekey after the appliance's queue is empty (queue length 0 in the dashboard's
/// appliance health or /api/v1/health), unless the key is compromised.
/// </para>
/// </summary>
public static class KeyRotationPolicy
{
    public const string HelpText =
        "The old key is refused at once, for job requests and for reports alike, including reports it sealed before the rekey: " +
        "whoever may hold the old key could date a report before the rekey, so no grace period is safe. Reports still queued on the " +
        "appliance under the old key are therefore refused: rekey after its queue is empty (the dashboard's appliance health shows the " +
        "queue length), unless the key is compromised.";
}
