using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Host.Tests;

/// <summary>
/// Hands each test its own loopback address (127.88.x.y), so tests running in parallel never see each
/// other's listeners and a port scan of "the device" only ever finds that test's servers.
/// </summary>
internal static class Loopback
{
    private static int _next = Environment.ProcessId % 200 * 256;

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 88, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    /// <summary>A port on <paramref name="address"/> that nothing listens on (bound, then released).</summary>
    public static int ClosedPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
