using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Platform;

[TestClass]
public sealed class SocketTcpConnectorTests
{
    private readonly SocketTcpConnector _connector = new();

    [TestMethod]
    public void Connect_ReadWrite_AndPeerClose()
    {
        var address = Loopback.NextAddress();
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() =>
        {
            using var peer = listener.AcceptSocket();
            var buffer = new byte[5];
            var n = peer.Receive(buffer);
            peer.Send(Encoding.ASCII.GetBytes("echo:" + Encoding.ASCII.GetString(buffer, 0, n)));
        });

        Assert.AreEqual(ConnectOutcome.Connected, _connector.Connect(address.ToString(), port, 2000, out var connection));
        using (connection)
        {
            Assert.IsTrue(connection!.Write("hello"u8.ToArray(), 0, 5, 1000));
            var buffer = new byte[64];
            var total = 0;
            while (total < 10)
            {
                var n = connection.Read(buffer, total, buffer.Length - total, 2000);
                Assert.IsGreaterThan(0, n, "expected the echo");
                total += n;
            }
            Assert.AreEqual("echo:hello", Encoding.ASCII.GetString(buffer, 0, total));
            server.Wait(5000);
            Assert.AreEqual(0, connection.Read(buffer, 0, buffer.Length, 2000), "peer closed");
        }
    }

    [TestMethod]
    public void Read_ReturnsMinusOne_WhenNothingArrivesInTime()
    {
        var address = Loopback.NextAddress();
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.AreEqual(ConnectOutcome.Connected, _connector.Connect(address.ToString(), port, 2000, out var connection));
        using (connection)
        {
            var watch = Stopwatch.StartNew();
            Assert.AreEqual(-1, connection!.Read(new byte[8], 0, 8, 300));
            Assert.IsTrue(watch.ElapsedMilliseconds is >= 250 and < 3000, $"{watch.ElapsedMilliseconds} ms");
        }
    }

    [TestMethod]
    public void ClosedPort_IsRefused()
    {
        var address = Loopback.NextAddress();
        Assert.AreEqual(ConnectOutcome.Refused, _connector.Connect(address.ToString(), Loopback.ClosedPort(address), 2000, out var connection));
        Assert.IsNull(connection);
    }

    [TestMethod]
    public void FullAcceptQueue_TimesOut_WithinTheBound()
    {
        // A listener that never accepts and has a full backlog drops new SYNs: the loopback stand-in for a silent host.
        var address = Loopback.NextAddress();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(s);
                try { s.ConnectAsync(address, port).Wait(300); } catch (AggregateException) { }
            }
            var watch = Stopwatch.StartNew();
            var outcome = _connector.Connect(address.ToString(), port, 500, out var connection);
            connection?.Dispose();
            Assert.AreEqual(ConnectOutcome.TimedOut, outcome);
            Assert.IsLessThan(3000, watch.ElapsedMilliseconds, $"{watch.ElapsedMilliseconds} ms");
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
        }
    }

    [TestMethod]
    public void BadHostsAndPorts_AreInvalidAddress()
    {
        Assert.AreEqual(ConnectOutcome.InvalidAddress, _connector.Connect("not a host!", 80, 500, out _));
        Assert.AreEqual(ConnectOutcome.InvalidAddress, _connector.Connect("127.0.0.1", 0, 500, out _));
        Assert.AreEqual(ConnectOutcome.InvalidAddress, _connector.Connect("127.0.0.1", 70000, 500, out _));
    }
}
