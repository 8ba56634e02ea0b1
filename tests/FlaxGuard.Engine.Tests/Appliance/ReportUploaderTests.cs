using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Appliance;

/// <summary>
/// The uploader against a host that runs the real <see cref="ReportVerifier"/> (HMAC, counter, time window) and
/// answers as the host API does: 200 stored, 409 replay, 401 refused, 503 or no answer when it is away.
/// </summary>
[TestClass]
public sealed class ReportUploaderTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    /// <summary>The host side of POST /api/v1/reports, with the real verifier behind it.</summary>
    private sealed class VerifyingHost : IReportPoster
    {
        private readonly ManualClock _clock;
        public VerifyingHost(ManualClock clock) => _clock = clock;

        public long LastAccepted { get; private set; }
        public List<long> Stored { get; } = new();
        public List<int> QueueHeaders { get; } = new();
        public int Calls { get; private set; }

        /// <summary>Status to answer instead of processing (0 = no answer), for the next calls.</summary>
        public Queue<int> Outage { get; } = new();

        /// <summary>Store the report but lose the answer (the appliance sees no answer).</summary>
        public bool LoseNextAnswer { get; set; }

        public int Post(byte[] report, int queueLength, out string error)
        {
            Calls++;
            QueueHeaders.Add(queueLength);
            error = null!;
            if (Outage.Count > 0)
            {
                int status = Outage.Dequeue();
                if (status == 0) error = "connection refused";
                return status;
            }
            ReportVerification v = ReportVerifier.Verify(report, Key, LastAccepted, _clock.UtcUnixMilliseconds / 1000, 3600 * 24 * 30);
            if (v.Status == ReportStatus.Replayed) return 409;
            if (!v.Accepted) { error = v.Reason; return 401; }
            LastAccepted = v.Report.Counter;
            Stored.Add(v.Report.Counter);
            if (LoseNextAnswer) { LoseNextAnswer = false; error = "connection reset"; return 0; }
            return 200;
        }
    }

    private static (ReportQueue Queue, ManualClock Clock, VerifyingHost Host, ReportUploader Uploader) Setup(int reports)
    {
        var clock = new ManualClock();
        var queue = new ReportQueue(ApplianceTestKit.NewStore("upload"), new ReportQueueOptions(1 << 20, 1, 100));
        for (int i = 1; i <= reports; i++) queue.Enqueue(Sealed(i, clock));
        var host = new VerifyingHost(clock);
        var uploader = new ReportUploader(queue, host, new BackoffSchedule(5_000, 60_000, null), clock);
        return (queue, clock, host, uploader);
    }

    private static byte[] Sealed(long counter, ManualClock clock)
    {
        var facts = new FactSet();
        facts.Add(new Fact("net.tcp.23", "open", FactKind.Exposure));
        var target = new ReportTarget("router-" + counter, facts, new[] { new Verdict(VerdictKind.Exposure, Severity.High, "net.risky-port", "23", "telnet is open") });
        return ReportEnvelope.Seal(new Report("dongle-1", counter, clock.UtcUnixMilliseconds / 1000, new[] { target }), Key);
    }

    [TestMethod]
    public void HostUp_SendsOldestFirst_AndEmptiesTheQueue()
    {
        var (queue, _, host, uploader) = Setup(4);

        UploadRound round = uploader.UploadDue();

        Assert.IsTrue(round.Attempted);
        Assert.IsTrue(round.HostReached);
        Assert.AreEqual(4, round.Accepted);
        Assert.AreEqual(0, round.Remaining);
        Assert.AreEqual(0, queue.Count);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4 }, host.Stored);
        CollectionAssert.AreEqual(new[] { 4, 3, 2, 1 }, host.QueueHeaders, "X-FlaxGuard-Queue tells the host how much is still waiting");
        Assert.IsNull(round.Problem);
    }

    [TestMethod]
    public void HostAway_StopsAtTheFirstFailure_KeepsEverything_AndBacksOff()
    {
        var (queue, clock, host, uploader) = Setup(3);
        host.Outage.Enqueue(0);

        UploadRound round = uploader.UploadDue();

        Assert.IsFalse(round.HostReached);
        Assert.AreEqual(3, round.Remaining);
        Assert.AreEqual(1, host.Calls, "one failed post ends the round");
        StringAssert.Contains(round.Problem, "the report did not reach the host: connection refused; next try in 5 s");

        clock.Advance(4_999);
        Assert.IsFalse(uploader.UploadDue().Attempted, "the backoff holds the next try");
        Assert.AreEqual(1, host.Calls);

        clock.Advance(1);
        host.Outage.Enqueue(503);
        UploadRound second = uploader.UploadDue();
        Assert.IsTrue(second.HostReached);
        StringAssert.Contains(second.Problem, "HTTP 503; next try in 10 s");

        clock.Advance(10_000);
        UploadRound third = uploader.UploadDue();
        Assert.AreEqual(3, third.Accepted);
        Assert.AreEqual(0, queue.Count);
        Assert.AreEqual(0, uploader.Backoff.Failures, "a good round resets the backoff");
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, host.Stored);
    }

    [TestMethod]
    public void LostAnswer_TheHostSays409OnTheRetry_TheReportLeavesAndIsStoredOnce()
    {
        var (queue, clock, host, uploader) = Setup(3);
        host.LoseNextAnswer = true;

        UploadRound first = uploader.UploadDue();
        Assert.AreEqual(3, first.Remaining, "without an answer the report must stay queued");

        clock.Advance(5_000);
        UploadRound second = uploader.UploadDue();

        Assert.AreEqual(1, second.AlreadyStored);
        Assert.AreEqual(2, second.Accepted);
        Assert.AreEqual(0, queue.Count);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, host.Stored, "every report stored exactly once");
    }

    [TestMethod]
    public void Refused_StaysQueued_IsSkippedForAnHour_AndDoesNotBlockTheOthers()
    {
        var (queue, clock, host, uploader) = Setup(3);
        host.Outage.Enqueue(401);

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(1, round.Refused);
        Assert.AreEqual(2, round.Accepted);
        Assert.AreEqual(1, round.Remaining);
        StringAssert.Contains(round.Problem, "the host refused report rq-0000000000000001 with HTTP 401");
        StringAssert.Contains(round.Problem, "it stays queued");
        Assert.AreEqual("rq-0000000000000001", queue.KeysOldestFirst()[0]);

        int calls = host.Calls;
        clock.Advance(60_000);
        Assert.IsFalse(uploader.UploadDue().Attempted, "the refused report waits an hour");
        Assert.AreEqual(calls, host.Calls);

        clock.Advance(ReportUploader.RefusedRetryMs);
        UploadRound retry = uploader.UploadDue();
        Assert.IsTrue(retry.Attempted);
        Assert.AreEqual(1, retry.AlreadyStored, "the host stored 2 and 3 meanwhile, so counter 1 is now a replay: 409, and it leaves");
        Assert.AreEqual(0, queue.Count);
    }

    [TestMethod]
    public void ForgedReport_IsRefusedByTheRealVerifier_AndKept()
    {
        var (queue, _, host, uploader) = Setup(0);
        byte[] forged = Sealed(1, new ManualClock());
        forged[^1] ^= 1;
        queue.Enqueue(forged);

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(1, round.Refused);
        Assert.AreEqual(1, queue.Count);
        Assert.IsEmpty(host.Stored);
    }

    [TestMethod]
    public void EmptyQueue_AttemptsNothing()
    {
        var (_, _, host, uploader) = Setup(0);
        UploadRound round = uploader.UploadDue();
        Assert.IsFalse(round.Attempted);
        Assert.AreEqual(0, host.Calls);
    }
}
