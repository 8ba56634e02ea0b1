using System.Net;
using System.Net.Sockets;
using System.Text;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Appliance;

/// <summary>
/// A whole round with the real .NET platform adapters against a small web server on loopback: one sealed
/// report per target, each verifiable by the host's verifier, drift computed against the job's baseline.
/// </summary>
[TestClass]
public sealed class JobRoundTests
{
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    /// <summary>A bounded HTTP/1.1 responder on 127.0.0.1: one fixed page per connection, then close.</summary>
    private sealed class LoopbackWebPage : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public LoopbackWebPage()
        {
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Title { get; set; } = "Router";
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task ServeAsync()
        {
            for (int served = 0; served < 200 && !_stop.IsCancellationRequested; served++)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                catch (ObjectDisposedException) { return; }
                using (client)
                {
                    client.ReceiveTimeout = 2000;
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    int read;
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                        timeout.CancelAfter(2000);
                        read = await stream.ReadAsync(buffer, timeout.Token);
                    }
                    catch (Exception) { continue; } // a port probe that connects and leaves
                    if (read == 0) continue;
                    string body = "<html><head><title>" + Title + "</title></head><body>ok</body></html>";
                    string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: lab\r\nContent-Length: " + Encoding.ASCII.GetByteCount(body) + "\r\nConnection: close\r\n\r\n";
                    try { await stream.WriteAsync(Encoding.ASCII.GetBytes(head + body), _stop.Token); } catch (IOException) { }
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try { _loop.Wait(5000); } catch (AggregateException) { }
        }
    }

    private sealed class RecordingHook : ITargetRoundHook
    {
        public List<(int Index, int Count, TargetSummary Summary)> Calls { get; } = new();
        public bool Continue { get; set; } = true;

        public bool AfterTarget(int index, int count, TargetSummary summary)
        {
            Calls.Add((index, count, summary));
            return Continue;
        }
    }

    private static int ClosedLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static Job JobFor(long version, params JobTarget[] targets) => new("dongle-1", version, 1_764_201_600, 60, "", targets);

    [TestMethod]
    public void Round_QueuesOneVerifiableReportPerTarget_AndRunsTheHookBetweenTargets()
    {
        using var page = new LoopbackWebPage();
        int closed = ClosedLoopbackPort();
        var store = ApplianceTestKit.NewStore("round");
        var queue = new ReportQueue(store, ReportQueueOptions.ForEsp32());
        var hook = new RecordingHook();
        using var http = new HttpClientTransport();
        var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(),
            SystemClock.Instance, SecureRandomSource.Instance, hook);
        var job = JobFor(1,
            new JobTarget("web", "router", "http://127.0.0.1:" + page.Port, "web", page.Port.ToString(), "", "", null),
            new JobTarget("gone", "camera", "http://127.0.0.1:" + closed, "web", closed.ToString(), "", "", null));

        RoundSummary summary = round.Run(job);

        Assert.AreEqual(2, summary.Targets);
        Assert.AreEqual(2, summary.CheckedTargets);
        Assert.AreEqual(2, summary.Queued);
        Assert.IsTrue(summary.AnyUnverified, "the camera did not answer: could not verify, never OK");
        CollectionAssert.AreEqual(new[] { 0, 1 }, hook.Calls.Select(c => c.Index).ToArray());
        Assert.IsTrue(hook.Calls.All(c => c.Count == 2));

        string[] keys = queue.KeysOldestFirst();
        Assert.HasCount(2, keys);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        ReportVerification first = ReportVerifier.Verify(queue.Read(keys[0])!, Key, now, 300);
        Assert.IsTrue(first.Accepted, first.Reason);
        Assert.AreEqual(1, first.Report.Counter);
        Assert.AreEqual("web", first.Report.Targets[0].TargetId);
        Assert.IsTrue(first.Report.Targets[0].Facts.Contains("http.title"), "the page was fingerprinted");
        ReportVerification second = ReportVerifier.Verify(queue.Read(keys[1])!, Key, now, 300);
        Assert.IsTrue(second.Accepted, second.Reason);
        Assert.AreEqual("gone", second.Report.Targets[0].TargetId);
        Assert.IsTrue(second.Report.Targets[0].Verdicts.Any(v => v.IsUnverified));
    }

    [TestMethod]
    public void Round_WithTheApprovedBaseline_ReportsDriftWhenThePageChanges()
    {
        using var page = new LoopbackWebPage();
        var store = ApplianceTestKit.NewStore("round-drift");
        var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
        using var http = new HttpClientTransport();
        var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(),
            SystemClock.Instance, SecureRandomSource.Instance, null);
        string address = "http://127.0.0.1:" + page.Port;
        string ports = page.Port.ToString();

        TargetSummary firstCheck = round.RunTarget(new JobTarget("web", "router", address, "web", ports, "", "", null));
        Assert.IsFalse(firstCheck.Unverified);
        var report = ReportVerifier.Verify(queue.Read(queue.KeysOldestFirst()[0])!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300).Report;
        string baseline = BaselineText.Format(new Baseline("web", 1_764_201_600, report.Targets[0].Facts));

        RoundSummary same = round.Run(JobFor(2, new JobTarget("web", "router", address, "web", ports, "", "", baseline)));
        Assert.IsFalse(same.AnyDrift, "nothing changed");

        page.Title = "Hacked";
        RoundSummary changed = round.Run(JobFor(3, new JobTarget("web", "router", address, "web", ports, "", "", baseline)));
        Assert.IsTrue(changed.AnyDrift);
        Assert.IsGreaterThanOrEqualTo((int)Severity.Low, (int)changed.Highest, "drift has a severity");
    }

    [TestMethod]
    public void Round_StopsWhenTheHookSaysSo()
    {
        var store = ApplianceTestKit.NewStore("round-stop");
        var hook = new RecordingHook { Continue = false };
        var round = new JobRound("dongle-1", Key, new ReportCounter(store), new ReportQueue(store, ReportQueueOptions.ForLinux()),
            null!, null!, null!, SystemClock.Instance, null!, hook);

        RoundSummary summary = round.Run(JobFor(1,
            new JobTarget("a", "", "ftp://192.0.2.1", "web", "", "", "", null),
            new JobTarget("b", "", "ftp://192.0.2.2", "web", "", "", "", null)));

        Assert.AreEqual(1, summary.CheckedTargets);
        Assert.HasCount(1, hook.Calls);
        Assert.IsTrue(hook.Calls[0].Summary.Unverified, "an unusable address is reported as could-not-verify");
    }

    [TestMethod]
    public void Round_RaisesTheCounterToTheJobsHighWater_BeforeSealing()
    {
        // State lost: the counter starts again at 0, while the host holds reports up to 41.
        var store = ApplianceTestKit.NewStore("round-highwater");
        var counter = new ReportCounter(store);
        var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
        var round = new JobRound("dongle-1", Key, counter, queue, null!, null!, null!, SystemClock.Instance, null!, null);
        var target = new JobTarget("a", "", "ftp://192.0.2.1", "web", "", "", "", null);

        round.Run(new Job("dongle-1", 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300, "", [target], reportHighWater: 41));

        Assert.AreEqual(42, ReportEnvelope.PeekCounter(queue.Read(queue.KeysOldestFirst()[0])!));
        round.Run(new Job("dongle-1", 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300, "", [target], reportHighWater: 5));
        Assert.AreEqual(43, counter.Current, "an older mark never moves the counter back");
    }

    [TestMethod]
    public void DamagedBaselineInTheJob_IsReported_NotIgnored()
    {
        var store = ApplianceTestKit.NewStore("round-baseline");
        var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
        int closed = ClosedLoopbackPort();
        using var http = new HttpClientTransport();
        var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(),
            SystemClock.Instance, SecureRandomSource.Instance, null);

        TargetSummary summary = round.RunTarget(new JobTarget("t", "", "http://127.0.0.1:" + closed, "web", closed.ToString(), "", "", "not a baseline"));

        var report = ReportVerifier.Verify(queue.Read(queue.KeysOldestFirst()[0])!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300).Report;
        Assert.IsTrue(report.Targets[0].Verdicts.Any(v => v.Message.Contains("approved baseline in the job is damaged", StringComparison.Ordinal)));
        Assert.IsTrue(summary.Unverified);
    }
}
