using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.TestSupport;

/// <summary>Loopback ports the kernel says are free right now (a daemon started next binds them).</summary>
public static class FreePort
{
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port free for both TCP and UDP, so one number serves either transport.</summary>
    public static int TcpAndUdp()
    {
        for (var i = 0; i < 50; i++)
        {
            var port = Tcp();
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
        Assert.Fail("no loopback port was free for both TCP and UDP in 50 tries");
        return 0;
    }
}
