using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FlaxGuard.Lab.Upnp;

/// <summary>
/// A UPnP Internet Gateway Device twin shaped like miniupnpd 2.3: an SSDP responder on a UDP port of its
/// own (real devices use 1900, which a test must not take), and an HTTP/1.1 server (one request per
/// connection, as miniupnpd does) for the description and the WANIPConnection:2 control URL. It is as strict
/// as miniupnpd where a checker could notice: POST with a SOAPACTION header naming the service, 401 Invalid
/// Action for anything else, 402 Invalid Args for a missing or bad index, 713 after the last mapping.
/// <see cref="Hostility"/> switches it into one of the ways a compromised gateway misbehaves. Every
/// connection ends after <see cref="MaxConnectionSeconds"/> at the latest, so no test can hang on it.
/// </summary>
public sealed partial class LabUpnpGateway : IDisposable
{
    public const int MaxConnectionSeconds = 30;
    public const string Uuid = "6b1f7e42-5c1d-4d8e-9a37-0c2f4e8d1a01";
    private const int MaxRequestBytes = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly LabSsdpResponder _ssdp;
    private readonly object _gate = new();
    private readonly List<LabPortMapping> _mappings = [];
    private volatile bool _stopped;
    private int _requests;

    public LabUpnpGateway(IPAddress address, UpnpHostility hostility = UpnpHostility.None, string externalAddress = "203.0.113.77")
    {
        Address = address;
        Hostility = hostility;
        ExternalAddress = externalAddress;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        HttpPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ssdp = new LabSsdpResponder(this);
        new Thread(AcceptLoop) { IsBackground = true, Name = "lab-upnp-http" }.Start();
    }

    public IPAddress Address { get; }

    public UpnpHostility Hostility { get; set; }

    /// <summary>What GetExternalIPAddress reports (only reported: nothing is sent there).</summary>
    public string ExternalAddress { get; set; }

    public int HttpPort { get; }

    public int SsdpPort => _ssdp.Port;

    public string DescriptionUrl => $"http://{LabUpnpDocuments.AddressForUrl(Address)}:{HttpPort}{LabUpnpDocuments.DescriptionPath}";

    /// <summary>HTTP requests served so far (each is one connection).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>SSDP searches answered or refused so far.</summary>
    public int Searches => _ssdp.Searches;

    public void AddMapping(LabPortMapping mapping)
    {
        lock (_gate) _mappings.Add(mapping);
    }

    public LabPortMapping[] Mappings()
    {
        lock (_gate) return [.. _mappings];
    }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket client;
            try { client = _listener.AcceptSocket(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Increment(ref _requests);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "lab-upnp-conn" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        using (client)
        {
            client.ReceiveTimeout = 5000;
            client.SendTimeout = MaxConnectionSeconds * 1000;
            var deadline = Environment.TickCount64 + MaxConnectionSeconds * 1000L;
            try
            {
                var request = ReadRequest(client);
                if (request is null) return;
                Respond(client, request.Value, deadline);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // The checker gave up or left, which is what the tests expect of it.
            }
        }
    }

    private void Respond(Socket client, (string Method, string Path, string SoapAction, string Body) request, long deadline)
    {
        var (method, path, soapAction, body) = request;
        var host = LabUpnpDocuments.AddressForUrl(Address);
        if (method == "GET" && path == LabUpnpDocuments.DescriptionPath)
        {
            var control = Hostility == UpnpHostility.ControlElsewhere ? $"http://127.0.0.2:{HttpPort}{LabUpnpDocuments.ControlPath}" : LabUpnpDocuments.ControlPath;
            switch (Hostility)
            {
                case UpnpHostility.DescriptionMalformed: SendXml(client, 200, LabUpnpDocuments.MalformedDescription(Uuid, host, control)); return;
                case UpnpHostility.DescriptionEntityExpansion: SendXml(client, 200, LabUpnpDocuments.EntityExpansionDescription()); return;
                case UpnpHostility.DescriptionExternalEntity: SendXml(client, 200, LabUpnpDocuments.ExternalEntityDescription()); return;
                case UpnpHostility.DescriptionUndefinedEntity: SendXml(client, 200, LabUpnpDocuments.UndefinedEntityDescription(Uuid, host, control)); return;
                case UpnpHostility.DescriptionDeep:
                    SendXml(client, 200, "<?xml version=\"1.0\"?>\n<root>" + string.Concat(Enumerable.Repeat("<device>", 100_000)) + string.Concat(Enumerable.Repeat("</device>", 100_000)) + "</root>");
                    return;
                case UpnpHostility.DescriptionHuge:
                    SendHead(client, 200, "text/xml", 64L * 1024 * 1024);
                    Send(client, "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>");
                    var filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<x>padding padding padding</x>", 512)));
                    while (!_stopped && Environment.TickCount64 < deadline) client.Send(filler);
                    return;
                case UpnpHostility.DescriptionStall:
                    SendHead(client, 200, "text/xml", 4096);
                    Send(client, "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">");
                    while (!_stopped && Environment.TickCount64 < deadline)
                    {
                        Send(client, " ");
                        Thread.Sleep(1000);
                    }
                    return;
                default:
                    SendXml(client, 200, LabUpnpDocuments.Description(Uuid, host, control));
                    return;
            }
        }
        if (path != LabUpnpDocuments.ControlPath)
        {
            SendHead(client, 404, "text/html", 0);
            return;
        }
        if (method != "POST")
        {
            SendHead(client, 405, "text/html", 0);
            return;
        }
        var action = ActionOf(soapAction);
        if (action == "GetExternalIPAddress")
        {
            SendXml(client, 200, LabUpnpDocuments.ExternalIpResponse(ExternalAddress));
            return;
        }
        if (action != "GetGenericPortMappingEntry")
        {
            SendXml(client, 500, LabUpnpDocuments.Fault(401, "Invalid Action"));
            return;
        }
        var match = IndexPattern().Match(body);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var index) || index < 0)
        {
            SendXml(client, 500, LabUpnpDocuments.Fault(402, "Invalid Args"));
            return;
        }
        var first = new LabPortMapping("TCP", 2323, "198.51.100.66", 23, "mapping at index 0");
        switch (Hostility)
        {
            case UpnpHostility.EndlessMappings:
                SendXml(client, 200, LabUpnpDocuments.MappingResponse(new LabPortMapping("TCP", 10000 + index % 50000, "198.51.100.66", 8000, $"entry {index}")));
                return;
            case UpnpHostility.RepeatedMapping:
                SendXml(client, 200, LabUpnpDocuments.MappingResponse(first));
                return;
            case UpnpHostility.StallAtThirdMapping when index == 2:
                while (!_stopped && Environment.TickCount64 < deadline) Thread.Sleep(100);
                return;
            case UpnpHostility.TruncatedMapping when index == 1:
                SendXml(client, 200, LabUpnpDocuments.TruncatedMappingResponse(first));
                return;
            case UpnpHostility.GarbledMapping when index == 0:
                SendXml(client, 200, LabUpnpDocuments.GarbledMappingResponse(first));
                return;
            case UpnpHostility.StallAtThirdMapping or UpnpHostility.TruncatedMapping when index < 3:
                SendXml(client, 200, LabUpnpDocuments.MappingResponse(first with { ExternalPort = 2323 + index }));
                return;
        }
        var mappings = Mappings();
        if (index >= mappings.Length)
        {
            SendXml(client, 500, LabUpnpDocuments.Fault(713, "SpecifiedArrayIndexInvalid"));
            return;
        }
        SendXml(client, 200, LabUpnpDocuments.MappingResponse(mappings[index]));
    }

    /// <summary>"urn:...:service:WANIPConnection:2#Action" (quoted or not) to "Action", or null for another service.</summary>
    private static string? ActionOf(string? header)
    {
        if (header is null) return null;
        var value = header.Trim().Trim('"');
        var hash = value.IndexOf('#');
        if (hash < 0) return null;
        var service = value[..hash];
        if (service != LabUpnpDocuments.ServiceType && service != "urn:schemas-upnp-org:service:WANIPConnection:1") return null;
        return value[(hash + 1)..];
    }

    /// <summary>Reads one request (bounded), or null when the peer left or sent something that is not HTTP.</summary>
    private static (string Method, string Path, string SoapAction, string Body)? ReadRequest(Socket client)
    {
        var buffer = new byte[MaxRequestBytes];
        var total = 0;
        var headEnd = -1;
        while (total < buffer.Length && headEnd < 0)
        {
            var n = client.Receive(buffer, total, buffer.Length - total, SocketFlags.None);
            if (n == 0) return null;
            total += n;
            headEnd = Encoding.ASCII.GetString(buffer, 0, total).IndexOf("\r\n\r\n", StringComparison.Ordinal);
        }
        if (headEnd < 0) return null;
        var lines = Encoding.ASCII.GetString(buffer, 0, headEnd).Split("\r\n");
        var first = lines[0].Split(' ');
        if (first.Length != 3 || !first[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
        var contentLength = 0;
        var soapAction = "";
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !int.TryParse(value, out contentLength)) return null;
            if (name.Equals("SOAPAction", StringComparison.OrdinalIgnoreCase)) soapAction = value;
        }
        var bodyStart = headEnd + 4;
        if (contentLength < 0 || bodyStart + contentLength > buffer.Length) return null;
        while (total < bodyStart + contentLength)
        {
            var n = client.Receive(buffer, total, bodyStart + contentLength - total, SocketFlags.None);
            if (n == 0) return null;
            total += n;
        }
        return (first[0], first[1], soapAction, Encoding.UTF8.GetString(buffer, bodyStart, contentLength));
    }

    private static void SendXml(Socket client, int status, string xml)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        SendHead(client, status, "text/xml; charset=\"utf-8\"", body.Length);
        client.Send(body);
    }

    private static void SendHead(Socket client, int status, string contentType, long length)
    {
        var reason = status switch { 200 => "OK", 404 => "Not Found", 405 => "Method Not Allowed", _ => "Internal Server Error" };
        Send(client, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nConnection: close\r\nContent-Length: {length}\r\nServer: {LabUpnpDocuments.ServerHeader}\r\nExt:\r\n\r\n");
    }

    private static void Send(Socket client, string text) => client.Send(Encoding.ASCII.GetBytes(text));

    [GeneratedRegex(@"<NewPortMappingIndex>\s*([0-9]{1,6})\s*</NewPortMappingIndex>")]
    private static partial Regex IndexPattern();

    internal bool Stopped => _stopped;

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
        _ssdp.Dispose();
    }
}
