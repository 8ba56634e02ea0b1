using System.Text;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class JobStoreTests
{
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private const string Password = "Rout3r-Adm1n-Pa55";

    private static byte[] SealedJob(long version, string deviceId = "dongle-1", int targets = 1, string? baseline = null)
    {
        var list = new JobTarget[targets];
        for (int i = 0; i < targets; i++)
        {
            list[i] = new JobTarget("t" + i, "router " + i, "192.0.2." + (i + 1), "openwrt", "default", "admin", Password, baseline);
        }
        var job = new Job(deviceId, version, 1_764_201_600, 300, "hashes-2026-11", list);
        return JobEnvelope.Seal(job, Key, RandomNonce());
    }

    private static byte[] RandomNonce()
    {
        var nonce = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(nonce);
        return nonce;
    }

    private static JobStore NewJobStore(IKeyValueStore store, int maxBytes = StorageBudget.MaxJobBytes) => new(store, Key, "dongle-1", maxBytes);

    [TestMethod]
    public void AcceptedJob_IsKeptAsReceived_WithCredentialsStillEncrypted()
    {
        var store = ApplianceTestKit.NewStore("job");
        byte[] envelope = SealedJob(3);

        JobVerification offered = NewJobStore(store).Offer(envelope);

        Assert.IsTrue(offered.Accepted, offered.Reason);
        CollectionAssert.AreEqual(envelope, store.Get(JobStore.JobKey), "the envelope is stored exactly as the host sent it");
        byte[] stored = store.Get(JobStore.JobKey)!;
        Assert.AreEqual(-1, IndexOf(stored, Encoding.UTF8.GetBytes(Password)), "the router password is on flash in clear");
        Assert.AreEqual(-1, IndexOf(stored, Encoding.UTF8.GetBytes("admin")), "the user name is on flash in clear");

        JobVerification reloaded = NewJobStore(store).LoadStored();
        Assert.IsTrue(reloaded.Accepted, reloaded.Reason);
        Assert.AreEqual(3, reloaded.Job.Version);
        Assert.AreEqual(Password, reloaded.Job.Targets[0].Password, "decrypted only in memory");
        Assert.AreEqual(3, NewJobStore(store).AcceptedVersion);
    }

    [TestMethod]
    public void OlderJob_IsRefused_EvenAfterARestart_AndChangesNothing()
    {
        var store = ApplianceTestKit.NewStore("job-old");
        byte[] newer = SealedJob(5);
        Assert.IsTrue(NewJobStore(store).Offer(newer).Accepted);

        JobVerification replayed = NewJobStore(store).Offer(SealedJob(4));

        Assert.AreEqual(JobStatus.OlderVersion, replayed.Status);
        CollectionAssert.AreEqual(newer, store.Get(JobStore.JobKey));
        Assert.AreEqual(5, NewJobStore(store).AcceptedVersion);
        Assert.IsTrue(NewJobStore(store).Offer(SealedJob(5)).Accepted, "the same version again is fine (the host resends it)");
    }

    [TestMethod]
    public void TamperedOrForeignJob_IsRefused_AndTheStoredOneStays()
    {
        var store = ApplianceTestKit.NewStore("job-bad");
        byte[] good = SealedJob(1);
        NewJobStore(store).Offer(good);

        byte[] tampered = SealedJob(2);
        tampered[tampered.Length / 2] ^= 0x20;
        Assert.AreEqual(JobStatus.BadSignature, NewJobStore(store).Offer(tampered).Status);
        Assert.AreEqual(JobStatus.WrongDevice, NewJobStore(store).Offer(SealedJob(2, deviceId: "dongle-2")).Status);
        CollectionAssert.AreEqual(good, store.Get(JobStore.JobKey));
    }

    [TestMethod]
    public void FlashAlteredAfterStoring_IsRefusedOnLoad()
    {
        var store = ApplianceTestKit.NewStore("job-flash");
        byte[] envelope = SealedJob(1);
        NewJobStore(store).Offer(envelope);
        envelope[envelope.Length - 40] ^= 1; // inside the encrypted body, before the MAC
        store.Put(JobStore.JobKey, envelope);

        Assert.AreEqual(JobStatus.BadSignature, NewJobStore(store).LoadStored().Status);
    }

    [TestMethod]
    public void NothingStored_SaysSo()
    {
        JobVerification none = NewJobStore(ApplianceTestKit.NewStore("job-none")).LoadStored();
        Assert.IsFalse(none.Accepted);
        Assert.AreEqual("no job is stored yet", none.Reason);
    }

    [TestMethod]
    public void JobLargerThanTheStorageBudget_RunsButIsNotKept()
    {
        var store = ApplianceTestKit.NewStore("job-big");
        byte[] small = SealedJob(1);
        NewJobStore(store, 4096).Offer(small);
        byte[] big = SealedJob(2, targets: 40, baseline: "# FlaxGuard baseline v1\n" + new string('x', 200));
        Assert.IsGreaterThan(4096, big.Length);

        var jobs = NewJobStore(store, 4096);
        JobVerification offered = jobs.Offer(big);

        Assert.IsTrue(offered.Accepted);
        StringAssert.Contains(jobs.LastStoreProblem, "larger than the 4096 bytes kept on storage");
        CollectionAssert.AreEqual(small, store.Get(JobStore.JobKey));
        Assert.AreEqual(2, jobs.AcceptedVersion, "the older stored job must not come back as current after a reboot");
        Assert.AreEqual(JobStatus.OlderVersion, jobs.LoadStored().Status);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        return -1;
    }
}
