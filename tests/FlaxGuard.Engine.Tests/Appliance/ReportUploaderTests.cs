using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Appliance;

/// <summary>
/// The uploader against a host that runs the real <see cref="ReportVerifier"/> (HMAC, time window) and answers as the
/// host API does: 200 stored, 409 exactly this report is stored, 412 another report holds its counter (with the
/// high-water mark), 401 refused, 503 or no answer when it is away.
/// </summary>
[TestClass]
public sealed class ReportUploaderTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    /// <summary>The host side of POST /api/v1/reports, with the real verifier and the store's uniqueness rule behind it.</summary>
    private sealed class VerifyingHost : IReportPoster
    {
        private readonly ManualClock _clock;
        public VerifyingHost(ManualClock clock) => _clock = clock;

        /// <summary>Counter to SHA-256 of the stored report.</summary>
        public Dictionary<long, string> Held { get; } = new();
        public List<long> Stored { get; } = new();
        public List<int> QueueHeaders { get; } = new();
        public int Calls { get; private set; }
        public long HighWater => Held.Count == 0 ? 0 : Held.Keys.Max();

        /// <summary>Status to answer instead of processing (0 = no answer), for the next calls.</summary>
        public Queue<int> Outage { get; } = new();

        /// <summary>Store the report but lose the answer (the appliance sees no answer).</summary>
        public bool LoseNextAnswer { get; set; }

        /// <summary>Answer 412 to everything, naming this high-water mark (a confused host).</summary>
        public long? AlwaysConflict { get; set; }

        public int Post(byte[] report, int queueLength, out string error, out long hostHighWater)
        {
            Calls++;
            QueueHeaders.Add(queueLength);
            error = null!;
            hostHighWater = 0;
            if (Outage.Count > 0)
            {
                int status = Outage.Dequeue();
                if (status == 0) error = "connection refused";
                return status;
            }
            if (AlwaysConflict is { } mark) { hostHighWater = mark; return ReportUploader.CounterConflictStatus; }
            ReportVerification v = ReportVerifier.Verify(report, Key, _clock.UtcUnixMilliseconds / 1000, 3600 * 24 * 30);
            if (!v.Accepted) { error = v.Reason; return 401; }
            string digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(report));
            if (Held.TryGetValue(v.Report.Counter, out var held))
            {
                if (held == digest) return 409;
                hostHighWater = HighWater;
                return ReportUploader.CounterConflictStatus;
            }
            Held[v.Report.Counter] = digest;
            Stored.Add(v.Report.Counter);
            if (LoseNextAnswer) { LoseNextAnswer = false; error = "connection reset"; return 0; }
            return 200;
        }
    }

    private static (ReportQueue Queue, ManualClock Clock, VerifyingHost Host, ReportUploader Uploader) Setup(int reports) => Setup(reports, out _);

    private static (ReportQueue Queue, ManualClock Clock, VerifyingHost Host, ReportUploader Uploader) Setup(int reports, out ReportCounter counter)
    {
        var clock = new ManualClock();
        var store = ApplianceTestKit.NewStore("upload");
        var queue = new ReportQueue(store, new ReportQueueOptions(1 << 20, 1, 100));
        counter = new ReportCounter(store);
        for (int i = 1; i <= reports; i++) queue.Enqueue(Sealed(counter.Next(), clock));
        var host = new VerifyingHost(clock);
        var uploader = new ReportUploader(queue, host, new BackoffSchedule(5_000, 60_000, null), clock, counter, Key);
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
        Assert.AreEqual(1, retry.Accepted, "the host stored 2 and 3 meanwhile; counter 1 fills the gap and is stored, not thrown away");
        Assert.AreEqual(0, queue.Count);
        CollectionAssert.AreEquivalent(new long[] { 1, 2, 3 }, host.Stored);
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

    [TestMethod]
    public void StateReset_CounterConflict_IsSealedAgainAboveTheHostsMark_AndStored()
    {
        // The host holds 1..5 from before the appliance lost its state; the appliance starts again at 1.
        var (queue, clock, host, uploader) = Setup(0, out var counter);
        for (long c = 1; c <= 5; c++) host.Held[c] = "earlier life " + c;
        queue.Enqueue(Sealed(counter.Next(), clock));
        queue.Enqueue(Sealed(counter.Next(), clock));

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(2, round.Resealed);
        Assert.AreEqual(2, round.Accepted);
        Assert.AreEqual(0, round.AlreadyStored);
        Assert.AreEqual(0, queue.Count);
        CollectionAssert.AreEqual(new long[] { 6, 7 }, host.Stored, "sealed again under the counters after the host's mark");
        Assert.AreEqual(7, counter.Current, "the counter moved on, so the next report needs no second try");
    }

    [TestMethod]
    public void ExactCopy_Answered409_Leaves_ButAConflictNeverDoes()
    {
        var (queue, clock, host, uploader) = Setup(1, out _);
        host.Held[1] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(queue.Read(queue.KeysOldestFirst()[0])!));

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(1, round.AlreadyStored);
        Assert.AreEqual(0, round.Resealed);
        Assert.AreEqual(0, queue.Count);
    }

    [TestMethod]
    public void HostThatAlwaysConflicts_GetsOneResealPerReport_AndTheReportStaysQueued()
    {
        var (queue, _, host, uploader) = Setup(2, out var counter);
        host.AlwaysConflict = 100;

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(2, round.Resealed);
        Assert.AreEqual(2, round.Refused);
        Assert.AreEqual(2, queue.Count, "never dropped");
        Assert.AreEqual(4, host.Calls, "one retry each, no loop");
        Assert.AreEqual(102, counter.Current);
    }

    [TestMethod]
    public void ConflictWithoutAMark_IsKeptAsRefused()
    {
        var (queue, _, host, uploader) = Setup(1, out var counter);
        host.Outage.Enqueue(ReportUploader.CounterConflictStatus);

        UploadRound round = uploader.UploadDue();

        Assert.AreEqual(0, round.Resealed);
        Assert.AreEqual(1, round.Refused);
        Assert.AreEqual(1, queue.Count);
        Assert.AreEqual(1, counter.Current);
    }
}
