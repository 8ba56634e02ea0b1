using System.Security.Cryptography;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server;

/// <summary>Assembles and seals an appliance's job from the store: its devices, their credentials and approved baselines.</summary>
public static class JobBuilder
{
    /// <param name="discoveryIntervalSeconds">Seconds between the appliance's LAN discovery rounds; 0 for none.</param>
    public static async Task<Job> BuildAsync(IFlaxStore store, MasterKey master, ApplianceRecord appliance, string hashDbVersion, long now, CancellationToken ct,
        int discoveryIntervalSeconds = JobLimits.DefaultDiscoveryIntervalSeconds)
    {
        var targets = new List<JobTarget>();
        foreach (var device in await store.ListDevicesAsync(appliance.Id, ct))
        {
            var (user, password) = Enrollment.OpenCredentials(master, device);
            var approved = await store.LatestBaselineAsync(device.Id, BaselineState.Approved, ct);
            string? baselineText = approved is null ? null
                : BaselineText.Format(new Baseline(device.Id, approved.CreatedAt, SqlFlaxStore.DecodeFacts(approved.Facts)));
            targets.Add(new JobTarget(device.Id, device.Name, device.Address, device.Profile, device.Ports, user, password, baselineText,
                Enrollment.OpenProbeSettings(master, device), device.FactoryCheck, device.InventoryIntervalSeconds));
        }
        // The high-water mark lets an appliance that lost or restored its state continue above every counter stored.
        return new Job(appliance.Id, appliance.JobVersion, now, appliance.IntervalSeconds, hashDbVersion, targets.ToArray(), appliance.LastCounter,
            discoveryIntervalSeconds);
    }

    public static async Task<byte[]> SealAsync(IFlaxStore store, MasterKey master, ApplianceRecord appliance, string hashDbVersion, long now, CancellationToken ct,
        int discoveryIntervalSeconds = JobLimits.DefaultDiscoveryIntervalSeconds)
    {
        var job = await BuildAsync(store, master, appliance, hashDbVersion, now, ct, discoveryIntervalSeconds);
        var key = Enrollment.OpenKey(master, appliance);
        try
        {
            return JobEnvelope.Seal(job, key, RandomNumberGenerator.GetBytes(CredentialCipher.NonceBytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
