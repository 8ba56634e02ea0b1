using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlaxGuard.Lab.Upnp;

/// <summary>
/// The SSDP side of <see cref="LabUpnpGateway"/>: answers unicast M-SEARCH requests for the IGD device types
/// (and ssdp:all) the way miniupnpd does, or in the gateway's hostile way. Requests that are not a proper
/// M-SEARCH (no MAN "ssdp:discover", no ST) get no answer, as on a real device.
/// </summary>
internal sealed class LabSsdpResponder : IDisposable
{
    private const int FloodDatagrams = 500;
    private readonly LabUpnpGateway _gateway;
    private readonly Socket _socket;
    private int _searches;

    public LabSsdpResponder(LabUpnpGateway gateway)
    {
        _gateway = gateway;
        _socket = new Socket(gateway.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(gateway.Address, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        new Thread(Loop) { IsBackground = true, Name = "lab-ssdp" }.Start();
    }

    public int Port { get; }

    public int Searches => Volatile.Read(ref _searches);

    private void Loop()
    {
        var buffer = new byte[2048];
        while (!_gateway.Stopped)
        {
            EndPoint from = new IPEndPoint(_gateway.Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            int n;
            try { n = _socket.ReceiveFrom(buffer, ref from); }
            catch (SocketException) { if (_gateway.Stopped) return; continue; }
            catch (ObjectDisposedException) { return; }
            var target = SearchTarget(Encoding.ASCII.GetString(buffer, 0, n));
            if (target is null) continue;
            Interlocked.Increment(ref _searches);
            try { Answer((IPEndPoint)from, target); }
            catch (SocketException) { /* the searcher is gone */ }
        }
    }

    private void Answer(IPEndPoint searcher, string target)
    {
        var location = _gateway.DescriptionUrl;
        switch (_gateway.Hostility)
        {
            case UpnpHostility.SsdpFloodFromElsewhere:
                // Another "device" (127.0.0.3) buries the searcher in answers; the gateway itself stays silent.
                using (var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
                {
                    other.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
                    var flood = Encoding.ASCII.GetBytes(LabUpnpDocuments.SsdpAnswer(target, "http://127.0.0.3:1/rootDesc.xml", LabUpnpGateway.Uuid));
                    for (var i = 0; i < FloodDatagrams && !_gateway.Stopped; i++) other.SendTo(flood, searcher);
                }
                return;
            case UpnpHostility.SsdpMalformed:
                Send(searcher, LabUpnpDocuments.SsdpAnswer(target, location, LabUpnpGateway.Uuid).Replace("EXT:\r\n", "EXT\r\n", StringComparison.Ordinal));
                return;
            case UpnpHostility.SsdpOversized:
                var padding = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-PAD-{i}: {new string('p', 30)}\r\n"));
                Send(searcher, LabUpnpDocuments.SsdpAnswer(target, location, LabUpnpGateway.Uuid).Replace("EXT:\r\n", "EXT:\r\n" + padding, StringComparison.Ordinal));
                return;
            case UpnpHostility.SsdpLocationElsewhere:
                Send(searcher, LabUpnpDocuments.SsdpAnswer(target, $"http://127.0.0.2:{_gateway.HttpPort}{LabUpnpDocuments.DescriptionPath}", LabUpnpGateway.Uuid));
                return;
            default:
                Send(searcher, LabUpnpDocuments.SsdpAnswer(target, location, LabUpnpGateway.Uuid));
                return;
        }
    }

    private void Send(IPEndPoint to, string text) => _socket.SendTo(Encoding.ASCII.GetBytes(text), to);

    /// <summary>The ST of a proper M-SEARCH for an IGD (or ssdp:all), or null.</summary>
    private static string? SearchTarget(string request)
    {
        var lines = request.Split("\r\n");
        if (lines.Length < 3 || lines[0] != "M-SEARCH * HTTP/1.1") return null;
        string? st = null;
        var discover = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("ST", StringComparison.OrdinalIgnoreCase)) st = value;
            if (name.Equals("MAN", StringComparison.OrdinalIgnoreCase)) discover = value == "\"ssdp:discover\"";
        }
        if (!discover || st is null) return null;
        return st is "urn:schemas-upnp-org:device:InternetGatewayDevice:1" or "urn:schemas-upnp-org:device:InternetGatewayDevice:2" or "ssdp:all" ? st : null;
    }

    public void Dispose() => _socket.Dispose();
}
