using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Platform;

[TestClass]
public sealed class SocketUdpExchangeTests
{
    [TestMethod]
    public void Exchange_GetsTheAnswer_AndCutsLongDatagrams()
    {
        var address = Loopback.NextAddress();
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(address, 0));
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        var echo = Task.Run(() =>
        {
            for (var i = 0; i < 2; i++)
            {
                var buffer = new byte[512];
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                var n = server.ReceiveFrom(buffer, ref from);
                server.SendTo(buffer.AsSpan(0, n).ToArray().Concat(new byte[] { 0xAA, 0xBB }).ToArray(), from);
            }
        });
        var exchange = new SocketUdpExchange();
        var response = new byte[64];
        Assert.AreEqual(5, exchange.Exchange(address.ToString(), port, [1, 2, 3, 9, 9], 0, 3, response, 2000, out var outcome));
        Assert.AreEqual(ConnectOutcome.Connected, outcome);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 0xAA, 0xBB }, response[..5]);

        var small = new byte[2];
        Assert.AreEqual(2, exchange.Exchange(address.ToString(), port, [7, 7, 7], 0, 3, small, 2000, out outcome));
        CollectionAssert.AreEqual(new byte[] { 7, 7 }, small);
        Assert.IsTrue(echo.Wait(5000));
    }

    [TestMethod]
    public void NoAnswer_TimesOut_WithinTheBound()
    {
        var address = Loopback.NextAddress();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(address, 0));
        var watch = Stopwatch.StartNew();
        var n = new SocketUdpExchange().Exchange(address.ToString(), ((IPEndPoint)silent.LocalEndPoint!).Port, [1], 0, 1, new byte[16], 300, out var outcome);
        Assert.AreEqual(-1, n);
        Assert.AreEqual(ConnectOutcome.TimedOut, outcome);
        Assert.IsTrue(watch.ElapsedMilliseconds is >= 250 and < 3000, $"{watch.ElapsedMilliseconds} ms");
    }
}
