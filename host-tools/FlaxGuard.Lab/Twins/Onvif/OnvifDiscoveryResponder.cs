using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>
/// The WS-Discovery side of the camera twin (ONVIF Core "Device discovery", WS-Discovery 2005/04 over SOAP 1.2/UDP):
/// listens on UDP 3702 for Probe messages sent to 239.255.255.250 on one local interface and answers each with a
/// unicast ProbeMatches naming the twin's device service (XAddrs) and its name and hardware scopes. ONVIF clients
/// such as libonvif's onvif-util find cameras only this way. Bounded: it answers at most
/// <see cref="MaxAnswers"/> probes and stops when disposed.
/// </summary>
public sealed class OnvifDiscoveryResponder : IDisposable
{
    public const int MaxAnswers = 64;
    private static readonly IPAddress Group = IPAddress.Parse("239.255.255.250");
    private static readonly XNamespace Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly string _xaddrs;
    private readonly string _name;
    private readonly string _hardware;
    private int _answers;

    /// <param name="localInterface">The local address whose interface joins the multicast group.</param>
    public OnvifDiscoveryResponder(IPAddress localInterface, Uri deviceService, string name, string hardware)
    {
        _xaddrs = deviceService.ToString();
        _name = name;
        _hardware = hardware;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(IPAddress.Any, 3702));
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, localInterface));
        // Parse and build once now: the client waits only 0.5 s for answers, less than a cold first parse may take.
        _ = ProbeMessageId("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><Probe/></e:Body></e:Envelope>");
        _ = ProbeMatches("warm-up");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Probes answered so far.</summary>
    public int Answers => Volatile.Read(ref _answers);

    private async Task LoopAsync()
    {
        var buffer = new byte[8192];
        while (!_stop.IsCancellationRequested && Answers < MaxAnswers)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var messageId = ProbeMessageId(Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes));
            if (messageId is null) continue;
            var answer = Encoding.UTF8.GetBytes(ProbeMatches(messageId));
            try
            {
                await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                Interlocked.Increment(ref _answers);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    /// <summary>The MessageID of a WS-Discovery Probe, or null when the datagram is not one.</summary>
    private static string? ProbeMessageId(string text)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 8192 };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var doc = XDocument.Load(reader);
            var isProbe = doc.Descendants().Any(e => e.Name.LocalName == "Probe");
            var id = doc.Descendants(Addressing + "MessageID").FirstOrDefault()?.Value;
            return isProbe ? id ?? "" : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private string ProbeMatches(string relatesTo)
    {
        var scopes = $"onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/name/{Uri.EscapeDataString(_name)} onvif://www.onvif.org/hardware/{Uri.EscapeDataString(_hardware)}";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
            "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" " +
            "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">" +
            "<env:Header><wsa:MessageID>urn:uuid:" + Guid.NewGuid() + "</wsa:MessageID>" +
            "<wsa:RelatesTo>" + SecurityElement.Escape(relatesTo) + "</wsa:RelatesTo>" +
            "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>" +
            "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></env:Header>" +
            "<env:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:6a1f3c2e-2431-4b0b-9c11-00fc2431a017</wsa:Address></wsa:EndpointReference>" +
            "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>" +
            "<d:Scopes>" + SecurityElement.Escape(scopes) + "</d:Scopes>" +
            "<d:XAddrs>" + SecurityElement.Escape(_xaddrs) + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(2000);
        }
        catch (AggregateException)
        {
            // The loop ended on the closed socket.
        }
        _stop.Dispose();
    }
}
