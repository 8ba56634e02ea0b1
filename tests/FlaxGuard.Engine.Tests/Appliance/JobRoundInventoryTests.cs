using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Appliance;

/// <summary>
/// The full TCP inventory on its own schedule: the first round of a target tries every port, the rounds until the
/// target's own inventory interval has passed try the risky ports and repeat what the inventory found, so nothing flaps.
/// </summary>
[TestClass]
public sealed class JobRoundInventoryTests
{
    private static readonly byte[] Key = Enumerable.Range(9, 32).Select(i => (byte)i).ToArray();

    private static Job JobFor(long version, params JobTarget[] targets) =>
        new("dongle-1", version, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300, "", targets);

    private static JobTarget Nas(IPAddress address, int inventorySeconds, string? baseline = null, string id = "nas") =>
        new(id, id, address.ToString(), "web", "23", "", "", baseline, null, false, inventorySeconds);

    [TestMethod]
    public void FirstRoundTriesEveryPort_LaterRoundsRepeatIt_WithoutDrift()
    {
        // A listener on an odd port of a loopback address of this test's own: only the inventory tries it.
        var address = new IPAddress([127, 77, (byte)(Environment.ProcessId % 250 + 1), 9]);
        var listener = new TcpListener(address, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var http = new HttpClientTransport();
            var store = ApplianceTestKit.NewStore("round-inventory");
            var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
            var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance, null)
            {
                InventoryConcurrency = 64,
            };
            var target = Nas(address, 600);
            Assert.IsTrue(round.InventoryDue(target), "never inventoried");

            round.Run(JobFor(1, target));
            Assert.IsFalse(round.InventoryDue(target), "the next one is 600 s away");
            var first = Latest(queue);
            Assert.AreEqual("open", first.Facts.Get($"net.tcp.{port}")?.Value, "the inventory found the odd port");

            var baseline = BaselineText.Format(new Baseline("nas", 1_764_201_600, first.Facts));
            var second = round.Run(JobFor(2, Nas(address, 600, baseline)));
            Assert.IsFalse(second.AnyDrift, "a round of port 23 only neither drops nor re-adds the odd port");
            Assert.AreEqual("open", Latest(queue).Facts.Get($"net.tcp.{port}")?.Value, "repeated from the last inventory");

            var never = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance, null);
            never.Run(JobFor(3, Nas(address, 0)));
            Assert.IsNull(Latest(queue).Facts.Get($"net.tcp.{port}"), "inventory interval 0: risky ports only");

            // Switched off for a device inventoried before: what that inventory found is no longer repeated.
            round.Run(JobFor(4, Nas(address, 0)));
            Assert.IsNull(Latest(queue).Facts.Get($"net.tcp.{port}"), "an inventory switched off repeats nothing");
            Assert.IsFalse(round.InventoryDue(Nas(address, 0)));
            Assert.IsTrue(round.InventoryDue(Nas(address, 600)), "switched on again: due at once");
        }
        finally
        {
            listener.Stop();
        }
    }

    [TestMethod]
    public void EachTargetFollowsItsOwnSchedule_InOneRound()
    {
        var address = new IPAddress([127, 78, (byte)(Environment.ProcessId % 250 + 1), 9]);
        var listener = new TcpListener(address, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var http = new HttpClientTransport();
            var store = ApplianceTestKit.NewStore("round-inventory-each");
            var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
            var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance, null)
            {
                InventoryConcurrency = 64,
            };
            // The same host enrolled twice: daily inventory for one, none for the other.
            round.Run(JobFor(1, Nas(address, JobLimits.DefaultInventoryIntervalSeconds, id: "daily"), Nas(address, 0, id: "off")));
            var reports = queue.KeysOldestFirst().Select(k => ReportVerifier.Verify(queue.Read(k)!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300).Report!.Targets[0])
                .ToDictionary(t => t.TargetId);
            Assert.AreEqual("open", reports["daily"].Facts.Get($"net.tcp.{port}")?.Value, "the daily target tried every port");
            Assert.IsNull(reports["off"].Facts.Get($"net.tcp.{port}"), "the target with the inventory off tried the risky ports only");
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ReportTarget Latest(ReportQueue queue)
    {
        var keys = queue.KeysOldestFirst();
        var report = ReportVerifier.Verify(queue.Read(keys[^1])!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300).Report;
        return report!.Targets[0];
    }
}
