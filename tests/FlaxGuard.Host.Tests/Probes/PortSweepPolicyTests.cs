using System.Net;
using System.Net.Sockets;
using System.Text;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Exposure;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Probes;

/// <summary>
/// The sweep's greeting policy, round-trip-scaled timeouts, socket bound and the full inventory, against real
/// listeners on this test's own loopback address, or a scripted connector where timing must be exact.
/// </summary>
[TestClass]
public sealed class PortSweepPolicyTests
{
    /// <summary>Accepts on one port; greets with a fixed text or stays silent; holds each connection until the prober leaves.</summary>
    private sealed class Service : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        public Service(IPAddress address, int port, string? greeting)
        {
            _listener = new TcpListener(address, port);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                for (var served = 0; served < 100 && !_stop.IsCancellationRequested; served++)
                {
                    Socket client;
                    try { client = await _listener.AcceptSocketAsync(_stop.Token); }
                    catch (Exception) { return; }
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            try
                            {
                                if (greeting is not null) await client.SendAsync(Encoding.ASCII.GetBytes(greeting), SocketFlags.None);
                                using var hold = new CancellationTokenSource(3000);
                                while (await client.ReceiveAsync(new byte[16], SocketFlags.None, hold.Token) > 0) { }
                            }
                            catch (Exception) { }
                        }
                    });
                }
            });
        }

        public int Port { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    [TestMethod]
    public void PortClasses_FollowWhoSpeaksFirst()
    {
        foreach (var port in new[] { 21, 22, 23, 25, 110, 143, 2323, 3306, 5900 })
            Assert.AreEqual(GreetingPolicy.Full, GreetingPolicy.For(port), $"port {port}");
        foreach (var port in new[] { 53, 80, 443, 1900, 5000, 7547, 8080, 52869 })
            Assert.AreEqual(GreetingPolicy.None, GreetingPolicy.For(port), $"port {port}");
        Assert.AreEqual(GreetingPolicy.Short, GreetingPolicy.For(7777));
    }

    [TestMethod]
    public void SilentHttpPort_IsClosedAtOnce_WhileFtpGreetingIsRead()
    {
        // Ports 80 and 21 on this test's own address (binding them needs root, as the test suite runs).
        var address = Loopback.NextAddress();
        using var http = new Service(address, 80, null);
        using var ftp = new Service(address, 21, "220 (vsFTPd 3.0.3)\r\n");
        using var odd = new Service(address, 0, "BusyBox v1.19.4 built-in shell (ash)\r\nlogin: ");

        var result = ExposureSweep.Run(new SocketTcpConnector(), SystemClock.Instance, [address.ToString()],
            new TcpExposureOptions { Ports = [80, 21, odd.Port], BannerTimeoutMs = 700, Concurrency = 8 })[0];

        var open = result.OpenPorts.ToDictionary(p => p.Port);
        Assert.HasCount(3, open, string.Join(", ", open.Keys));
        Assert.AreEqual(GreetingPolicy.None, open[80].Greeting, "HTTP's client speaks first: nothing to wait for");
        Assert.IsNull(open[80].Banner);
        Assert.IsNull(result.Facts.Get("net.tcp.80.banner"));
        Assert.AreEqual("open", result.Facts.Get("net.tcp.80")!.Value);
        Assert.AreEqual(GreetingPolicy.Full, open[21].Greeting);
        Assert.AreEqual("220 (vsFTPd 3.0.3)", open[21].Banner);
        // A port of unknown kind gets the short wait, and its greeting is kept once bytes arrive.
        Assert.AreEqual(GreetingPolicy.Short, open[odd.Port].Greeting);
        StringAssert.StartsWith(open[odd.Port].Banner, "BusyBox v1.19.4");
    }

    /// <summary>A clock that the scripted connector moves: each attempt "takes" a fixed time.</summary>
    private sealed class ScriptedClock : IClock
    {
        private long _now = 1_000_000;
        public long MonotonicMilliseconds => Interlocked.Read(ref _now);
        public long UtcUnixMilliseconds => 1_764_000_000_000 + MonotonicMilliseconds;
        public void Advance(long ms) => Interlocked.Add(ref _now, ms);
    }

    /// <summary>Refuses every port after a fixed round trip, except those told to time out on their first try; records every call.</summary>
    private sealed class ScriptedConnector(ScriptedClock clock, int rttMs, params int[] timeOutOnce) : ITcpConnector
    {
        private readonly HashSet<int> _timedOut = [];
        public readonly List<(int Port, int TimeoutMs)> Calls = [];

        public ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection? connection)
        {
            connection = null;
            lock (Calls)
            {
                Calls.Add((port, timeoutMs));
                if (timeOutOnce.Contains(port) && _timedOut.Add(port))
                {
                    clock.Advance(timeoutMs);
                    return ConnectOutcome.TimedOut;
                }
            }
            clock.Advance(rttMs);
            return ConnectOutcome.Refused;
        }
    }

    [TestMethod]
    public void ConnectTimeout_FollowsTheMeasuredRoundTrip_AndATimedOutPortIsRetriedOnce()
    {
        var clock = new ScriptedClock();
        var tcp = new ScriptedConnector(clock, rttMs: 20, timeOutOnce: 40);
        var result = ExposureSweep.Run(tcp, clock, ["192.0.2.1"],
            new TcpExposureOptions { Ports = Enumerable.Range(1, 50).ToArray(), Concurrency = 1, ConnectTimeoutMs = 1500, MinRttTimeoutMs = 10, BannerTimeoutMs = 0 })[0];

        Assert.AreEqual(1500, tcp.Calls[0].TimeoutMs, "no round trip known yet: the ceiling");
        // Every sample is 20 ms: SRTT 20 ms, RTTVAR decays towards 0, so the timeout settles near 20 ms, well under the ceiling.
        var settled = tcp.Calls.Where(c => c.Port == 39).Single().TimeoutMs;
        Assert.IsInRange(20, 30, settled, "timeout after 38 samples of 20 ms");
        var tries = tcp.Calls.Where(c => c.Port == 40).Select(c => c.TimeoutMs).ToArray();
        Assert.HasCount(2, tries, "a port that timed out on a host that answers gets one more try");
        Assert.AreEqual(2 * tries[0], tries[1], "the second try waits twice as long");
        Assert.IsFalse(result.Verdicts.Any(v => v.IsUnverified), string.Join("; ", result.Verdicts.Select(v => v.ToString())));
    }

    [TestMethod]
    public void RttEstimator_ClampsBetweenFloorAndCeiling()
    {
        var rtt = new RttEstimator();
        Assert.AreEqual(1500, rtt.TimeoutMs(100, 1500), "before any sample");
        rtt.AddSample(300); // 0.3 ms, a LAN
        Assert.AreEqual(100, rtt.TimeoutMs(100, 1500), "the floor");
        rtt.AddSample(2_000_000); // a 2 s outlier
        Assert.AreEqual(1500, rtt.TimeoutMs(100, 1500), "the ceiling");
        var steady = new RttEstimator();
        for (var i = 0; i < 50; i++) steady.AddSample(200_000);
        Assert.AreEqual(200, steady.TimeoutMs(10, 1500), "SRTT 200 ms, RTTVAR near 0");
    }

    /// <summary>Accepts every port on one address and counts connections open at once; every read finds nothing.</summary>
    private sealed class CountingConnector : ITcpConnector
    {
        private int _open;
        public int MaxOpen;

        public ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection? connection)
        {
            var now = Interlocked.Increment(ref _open);
            lock (this) MaxOpen = Math.Max(MaxOpen, now);
            Thread.Sleep(2);
            connection = new Quiet(this);
            return ConnectOutcome.Connected;
        }

        private sealed class Quiet(CountingConnector owner) : ITcpConnection
        {
            private int _closed;
            public int Read(byte[] buffer, int offset, int count, int timeoutMs) => -1;
            public bool Write(byte[] data, int offset, int count, int timeoutMs) => false;
            public void Dispose()
            {
                if (Interlocked.Exchange(ref _closed, 1) == 0) Interlocked.Decrement(ref owner._open);
            }
        }
    }

    [TestMethod]
    public void SocketsOpenAtOnce_NeverExceedTheConcurrency_GreetingsIncluded()
    {
        var tcp = new CountingConnector();
        // Ports of unknown kind and server-first ports: each connection stays open for its greeting wait.
        var ports = Enumerable.Range(7000, 40).Concat([21, 22, 23]).ToArray();
        var result = ExposureSweep.Run(tcp, SystemClock.Instance, ["192.0.2.1", "192.0.2.2"],
            new TcpExposureOptions { Ports = ports, Concurrency = TcpExposureOptions.DongleSockets, BannerTimeoutMs = 300, MinRttTimeoutMs = 50 });
        Assert.IsLessThanOrEqualTo(TcpExposureOptions.DongleSockets, tcp.MaxOpen, "sockets open at once");
        Assert.IsGreaterThanOrEqualTo(2, tcp.MaxOpen, "connections overlapped at all");
        // Every port accepting and none greeting reads as a middlebox: proof that every pair was tried and closed.
        Assert.IsTrue(result.All(r => r.Verdicts.Single().Message.Contains("every one of 43 ports accepted")), string.Join("; ", result.SelectMany(r => r.Verdicts)));
    }

    /// <summary>Every connect waits out its timeout (a host that drops SYNs); counts connects in flight at once.</summary>
    private sealed class SilentConnector : ITcpConnector
    {
        private int _inFlight;
        public int MaxInFlight;
        public int Attempts;

        public ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection? connection)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
            Interlocked.Increment(ref Attempts);
            Thread.Sleep(Math.Min(timeoutMs, 100));
            Interlocked.Decrement(ref _inFlight);
            connection = null;
            return ConnectOutcome.TimedOut;
        }
    }

    [TestMethod]
    public void SilentHosts_StillGetEverySocket_ThoughWorkersAreStartedOnlyWhilePairsWait()
    {
        // Workers are added one at a time and only while pairs wait for a socket; connects that hang must still
        // fill the whole pool, or a sweep of hosts that drop SYNs would run one connect at a time.
        var tcp = new SilentConnector();
        // 256 pairs at 100 ms each keep 16 sockets busy for 1.6 s: ample time to start 16 threads on a loaded machine.
        var ports = Enumerable.Range(7000, 128).ToArray();
        var result = ExposureSweep.Run(tcp, SystemClock.Instance, ["192.0.2.1", "192.0.2.2"],
            new TcpExposureOptions { Ports = ports, Concurrency = 16, ConnectTimeoutMs = 100, BannerTimeoutMs = 0, TotalTimeoutMs = 20_000 });
        Assert.AreEqual(16, tcp.MaxInFlight, "connects in flight at once");
        Assert.AreEqual(256, tcp.Attempts, "each pair once: no answer ever came, so no retry");
        Assert.HasCount(2, result);
    }

    [TestMethod]
    public void FullInventory_FindsAProxyOnAnUnusualPort_AsHighDrift_AndARiskyOnlyRoundDoesNotCallItRemoved()
    {
        var address = Loopback.NextAddress();
        var rules = DeviceFamilies.CreateDriftRules();
        var filter = DeviceFamilies.CreateVolatileFilter();
        CheckResult Check(Baseline? baseline, bool inventory, FactSet? carried = null)
        {
            var context = new ProbeContext(address.ToString(), null, new SocketTcpConnector(), null, SystemClock.Instance);
            var tcp = new TcpExposureProbe(new TcpExposureOptions { AllPorts = inventory, Concurrency = 64, TotalTimeoutMs = 120_000 });
            IProbe[] probes = carried is null ? [tcp] : [tcp, new InventoryCarryOver(tcp, carried)];
            return TargetCheck.Run(context, probes, baseline, rules, filter);
        }

        // Approved state: whatever listens on this address before the proxy appears (wildcard listeners of the machine included).
        var before = Check(null, inventory: true);
        var baseline = new Baseline(address.ToString(), 1_764_000_000, before.Facts);
        Assert.IsNull(before.Facts.Get("net.tcp.7777"));

        using var socks = new Service(address, 7777, null);
        var after = Check(baseline, inventory: true);
        Assert.AreEqual("open", after.Facts.Get("net.tcp.7777")?.Value, "the inventory tries every port");
        var change = Enumerable.Range(0, after.Drift!.Count).Select(i => after.Drift[i]).Single(c => c.Key == "net.tcp.7777");
        Assert.AreEqual((DriftKind.Added, Severity.High, "net.tcp.added"), (change.Kind, change.Severity, change.Code));

        // Once approved, a round of risky ports only does not see 7777, and must not call it removed.
        var approved = new Baseline(address.ToString(), 1_764_000_100, after.Facts);
        var riskyOnly = Check(approved, inventory: false);
        Assert.IsNull(riskyOnly.Facts.Get("net.tcp.7777"));
        Assert.IsFalse(Enumerable.Range(0, riskyOnly.Drift!.Count).Any(i => riskyOnly.Drift[i].Key == "net.tcp.7777"), "not checked is not gone");
        // The appliance repeats the last inventory's ports between inventories, so reports stay whole.
        var carried = Check(approved, inventory: false, InventoryCarryOver.PortFacts(after.Facts));
        Assert.AreEqual("open", carried.Facts.Get("net.tcp.7777")?.Value);
    }
}
