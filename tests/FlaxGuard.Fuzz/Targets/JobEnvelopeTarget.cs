using FlaxGuard.Engine.Jobs;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="JobVerifier"/> (a job as the appliance fetches it from the host): first as sent, then signed again with
/// the test key so <see cref="JobCodec"/> decrypts and reads the body. The appliance id asked for is the one the
/// bytes claim, so the check gets past it. Refusal is a <see cref="JobVerification"/> that is not accepted; nothing
/// may throw. An accepted job must seal again into one that verifies the same.
/// </summary>
public sealed class JobEnvelopeTarget : IFuzzTarget
{
    public string Name => "job";

    public string Feeds => "a sealed job envelope to JobVerifier.Verify (as sent, and signed again)";

    public bool Run(byte[] input)
    {
        byte[] key = FuzzKeys.ApplianceKey;
        string device = JobEnvelope.PeekDeviceId(input) ?? FuzzKeys.DeviceId;
        Verify(input, key, device);
        byte[]? signed = Seal.WithFreshMac(input, key);
        if (signed is null) return false;
        Job? job = Verify(signed, key, device);
        if (job is null) return false;

        byte[] again = JobEnvelope.Seal(job, key, FuzzKeys.JobNonce);
        Job back = Verify(again, key, device) ?? throw new FuzzContractException("an accepted job sealed again is refused");
        if (Describe(back) != Describe(job)) throw new FuzzContractException("an accepted job does not survive sealing again");
        return true;
    }

    private static Job? Verify(byte[] envelope, byte[] key, string device)
    {
        JobVerification result = JobVerifier.Verify(envelope, key, device, lastAcceptedVersion: 0)
            ?? throw new FuzzContractException("JobVerifier.Verify returned null");
        if (result.Accepted != (result.Job is not null)) throw new FuzzContractException("accepted and job disagree");
        if (!result.Accepted && string.IsNullOrEmpty(result.Reason)) throw new FuzzContractException("a refused job without a reason");
        return result.Job;
    }

    private static string Describe(Job job)
    {
        var text = new System.Text.StringBuilder();
        text.Append(job.DeviceId).Append('|').Append(job.Version).Append('|').Append(job.IssuedUnixSeconds).Append('|')
            .Append(job.IntervalSeconds).Append('|').Append(job.HashDbVersion).Append('|').Append(job.ReportHighWater);
        foreach (JobTarget target in job.Targets)
        {
            text.Append("|t:").Append(target.TargetId).Append(':').Append(target.Name).Append(':').Append(target.Address).Append(':')
                .Append(target.Profile).Append(':').Append(target.Ports).Append(':').Append(target.User).Append(':').Append(target.Password)
                .Append(':').Append(target.BaselineText);
        }
        return text.ToString();
    }
}
