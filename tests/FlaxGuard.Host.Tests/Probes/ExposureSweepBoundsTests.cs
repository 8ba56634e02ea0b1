using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Exposure;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Probes;

[TestClass]
public sealed class ExposureSweepBoundsTests
{
    /// <summary>Listeners whose accept queue is full: connects to them time out, like a host that drops probes.</summary>
    private static (List<Socket> Sockets, int[] Ports) Blackholes(IPAddress address, int count)
    {
        var sockets = new List<Socket>();
        var ports = new int[count];
        for (var i = 0; i < count; i++)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sockets.Add(listener);
            listener.Bind(new IPEndPoint(address, 0));
            listener.Listen(0);
            ports[i] = ((IPEndPoint)listener.LocalEndPoint!).Port;
            for (var k = 0; k < 4; k++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(filler);
                try { filler.ConnectAsync(address, ports[i]).Wait(200); } catch (AggregateException) { }
            }
        }
        return (sockets, ports);
    }

    [TestMethod]
    public void PerHostLimit_StopsASlowHost_WithoutStarvingTheOthers()
    {
        var slow = Loopback.NextAddress();
        var fast = Loopback.NextAddress();
        var (sockets, ports) = Blackholes(slow, 6);
        try
        {
            var watch = Stopwatch.StartNew();
            var results = ExposureSweep.Run(new SocketTcpConnector(), SystemClock.Instance, [slow.ToString(), fast.ToString()],
                new TcpExposureOptions { Ports = ports, Concurrency = 1, ConnectTimeoutMs = 300, PerHostTimeoutMs = 1200, TotalTimeoutMs = 20_000 });
            Assert.IsLessThan(6000, watch.ElapsedMilliseconds, $"{watch.ElapsedMilliseconds} ms");
            var slowVerdict = results[0].Verdicts.Single(v => v.IsUnverified);
            StringAssert.Contains(slowVerdict.Message, "were not checked within the time limit");
            Assert.IsFalse(results[1].Verdicts.Any(v => v.IsUnverified), "every port of the fast host was tried: " + string.Join("; ", results[1].Verdicts.Select(v => v.ToString())));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [TestMethod]
    public void GlobalLimit_BoundsTheWholeSweep()
    {
        var hosts = Enumerable.Range(0, 3).Select(_ => Loopback.NextAddress()).ToArray();
        var all = hosts.Select(h => Blackholes(h, 4)).ToArray();
        try
        {
            var watch = Stopwatch.StartNew();
            var results = ExposureSweep.Run(new SocketTcpConnector(), SystemClock.Instance, hosts.Select(h => h.ToString()).ToArray(),
                new TcpExposureOptions { Ports = all[0].Ports.Concat(all[1].Ports).Concat(all[2].Ports).ToArray(), Concurrency = 2, ConnectTimeoutMs = 300, TotalTimeoutMs = 800 });
            Assert.IsLessThan(4000, watch.ElapsedMilliseconds, $"{watch.ElapsedMilliseconds} ms");
            Assert.IsTrue(results.All(r => r.Verdicts.Any(v => v.IsUnverified)));
        }
        finally
        {
            foreach (var (sockets, _) in all) sockets.ForEach(s => s.Dispose());
        }
    }

    [TestMethod]
    public void TooManyHosts_IsRefused()
    {
        var hosts = Enumerable.Range(0, ExposureSweep.MaxHosts + 1).Select(i => "127.0.0.1").ToArray();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ExposureSweep.Run(new SocketTcpConnector(), SystemClock.Instance, hosts, new TcpExposureOptions()));
    }
}
