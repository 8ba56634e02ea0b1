using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Probes;

[TestClass]
public sealed class TcpExposureProbeTests
{
    private static ProbeOutput Run(IPAddress host, TcpExposureOptions options)
    {
        var context = new ProbeContext(host.ToString(), null, new SocketTcpConnector(), null, SystemClock.Instance);
        var output = new ProbeOutput();
        new TcpExposureProbe(options).Run(context, output);
        return output;
    }

    /// <summary>Listeners on one address: each accepts, optionally greets, holds the connection briefly, and counts how many are open at once.</summary>
    private sealed class Listeners : IDisposable
    {
        private readonly List<TcpListener> _listeners = [];
        private readonly CancellationTokenSource _stop = new();
        private int _open;
        public int MaxOpen;

        public int Add(IPAddress address, string? greeting, int holdMs = 200)
        {
            var listener = new TcpListener(address, 0);
            listener.Start();
            _listeners.Add(listener);
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    Socket client;
                    try { client = await listener.AcceptSocketAsync(_stop.Token); }
                    catch (Exception) { return; }
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            var now = Interlocked.Increment(ref _open);
                            lock (_listeners) MaxOpen = Math.Max(MaxOpen, now);
                            try
                            {
                                if (greeting is not null) await client.SendAsync(System.Text.Encoding.ASCII.GetBytes(greeting), SocketFlags.None);
                                // Held until the prober hangs up (or holdMs passes), so the count is of connections the prober keeps open.
                                using var hold = new CancellationTokenSource(holdMs);
                                while (await client.ReceiveAsync(new byte[16], SocketFlags.None, hold.Token) > 0) { }
                            }
                            catch (Exception) { }
                            Interlocked.Decrement(ref _open);
                        }
                    });
                }
            });
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listeners.ForEach(l => l.Stop());
        }
    }

    [TestMethod]
    public void EveryPortAccepting_AndNoneGreeting_IsOneCouldNotVerify_NotFifteenOpenPorts()
    {
        // A transparent proxy or firewall that completes every handshake for the address.
        var address = Loopback.NextAddress();
        using var middlebox = new Listeners();
        var ports = Enumerable.Range(0, 15).Select(_ => middlebox.Add(address, null, holdMs: 1500)).ToArray();

        var output = Run(address, new TcpExposureOptions { Ports = ports, BannerTimeoutMs = 300, Concurrency = 8 });

        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        StringAssert.Contains(verdict.Message, "every one of 15 ports accepted a connection and none sent a greeting");
        Assert.AreEqual(0, output.Facts.Count, "no port is claimed open");
    }

    [TestMethod]
    public void EveryPortAccepting_ButOneGreeting_IsAnOrdinaryDevice()
    {
        var address = Loopback.NextAddress();
        using var device = new Listeners();
        var ports = Enumerable.Range(0, 9).Select(i => device.Add(address, i == 4 ? "SSH-2.0-dropbear_2022.83\r\n" : null, holdMs: 1500)).ToArray();

        var output = Run(address, new TcpExposureOptions { Ports = ports, BannerTimeoutMs = 800, Concurrency = 9 });

        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified), string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual(9, ports.Count(p => output.Facts.Get("net.tcp." + p)?.Value == "open"));
    }

    [TestMethod]
    public async Task TelnetImplant_IsOpenWithBanner_AndCritical()
    {
        var address = Loopback.NextAddress();
        await using var lab = await LabWebDevice.StartAsync(address);
        await lab.CompromiseAsync();
        var closed = Loopback.ClosedPort(address);
        var output = Run(address, new TcpExposureOptions { Ports = [2323, closed], BannerTimeoutMs = 1500 });

        Assert.AreEqual("open", output.Facts.Get("net.tcp.2323")!.Value);
        StringAssert.StartsWith(output.Facts.Get("net.tcp.2323.banner")!.Value, "BusyBox v1.19.4");
        Assert.IsNull(output.Facts.Get($"net.tcp.{closed}"));
        var verdict = output.Verdicts().Single();
        Assert.AreEqual(("exposure.telnet-alt", Severity.Critical, VerdictKind.Exposure), (verdict.Code, verdict.Severity, verdict.Kind));
    }

    [TestMethod]
    public void SshBanner_IsCaptured_AndSilentServiceHasNoBanner()
    {
        var address = Loopback.NextAddress();
        using var listeners = new Listeners();
        var ssh = listeners.Add(address, "SSH-2.0-dropbear_2022.83\r\n", holdMs: 2000);
        var silent = listeners.Add(address, null, holdMs: 2000);
        var watch = Stopwatch.StartNew();
        var output = Run(address, new TcpExposureOptions { Ports = [ssh, silent], BannerTimeoutMs = 500 });
        Assert.AreEqual("SSH-2.0-dropbear_2022.83", output.Facts.Get($"net.tcp.{ssh}.banner")!.Value);
        Assert.AreEqual("open", output.Facts.Get($"net.tcp.{silent}")!.Value);
        Assert.IsNull(output.Facts.Get($"net.tcp.{silent}.banner"));
        Assert.IsLessThan(1800, watch.ElapsedMilliseconds, $"the SSH line ends the banner wait early ({watch.ElapsedMilliseconds} ms)");
    }

    [TestMethod]
    public void Concurrency_IsBounded()
    {
        var address = Loopback.NextAddress();
        using var listeners = new Listeners();
        // Sixteen quiet services and one closed port (all ports accepting and silent would be a middlebox, not a device).
        var ports = Enumerable.Range(0, 16).Select(_ => listeners.Add(address, null, holdMs: 5000)).Append(Loopback.ClosedPort(address)).ToArray();
        var output = Run(address, new TcpExposureOptions { Ports = ports, Concurrency = 3, BannerTimeoutMs = 250 });
        Assert.AreEqual(16, output.Facts.ToArray().Count(f => f.Value == "open"));
        // Ports of unknown kind each hold their socket for a short greeting wait, and that wait counts against the bound.
        Assert.IsLessThanOrEqualTo(4, listeners.MaxOpen, $"{listeners.MaxOpen} connections at once");
    }

    [TestMethod]
    public void DeviceThatAnswersNothing_IsCouldNotVerify()
    {
        // Full accept queues drop SYNs, like a host that is off or firewalled.
        var address = Loopback.NextAddress();
        var sockets = new List<Socket>();
        try
        {
            var ports = new List<int>();
            for (var i = 0; i < 2; i++)
            {
                var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(listener);
                listener.Bind(new IPEndPoint(address, 0));
                listener.Listen(0);
                var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                ports.Add(port);
                for (var k = 0; k < 4; k++)
                {
                    var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(filler);
                    try { filler.ConnectAsync(address, port).Wait(200); } catch (AggregateException) { }
                }
            }
            var output = Run(address, new TcpExposureOptions { Ports = [.. ports], ConnectTimeoutMs = 400 });
            var verdict = output.Verdicts().Single();
            Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
            StringAssert.Contains(verdict.Message, "did not answer");
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [TestMethod]
    public void TotalTimeLimit_ReportsPortsNotChecked()
    {
        var address = Loopback.NextAddress();
        using var listeners = new Listeners();
        var ports = Enumerable.Range(0, 6).Select(_ => listeners.Add(address, null, holdMs: 3000)).ToArray();
        var watch = Stopwatch.StartNew();
        // One socket, and each quiet port holds it for its short greeting wait (at least 100 ms): 250 ms cannot cover six.
        var output = Run(address, new TcpExposureOptions { Ports = ports, Concurrency = 1, BannerTimeoutMs = 400, TotalTimeoutMs = 250 });
        Assert.IsLessThan(5000, watch.ElapsedMilliseconds, $"{watch.ElapsedMilliseconds} ms");
        var verdict = output.Verdicts().Where(v => v.IsUnverified).Single();
        StringAssert.Contains(verdict.Message, "were not checked");
    }

    [TestMethod]
    public void BadPortsInOptions_AreRefusedUpFront()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TcpExposureProbe(new TcpExposureOptions { Ports = [0] }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TcpExposureProbe(new TcpExposureOptions { Ports = [65536] }));
    }
}
