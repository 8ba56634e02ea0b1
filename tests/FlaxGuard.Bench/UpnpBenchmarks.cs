using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Upnp;

namespace FlaxGuard.Bench;

/// <summary>
/// Bytes allocated by one UPnP IGD check against Debian's real miniupnpd 2.3.1 (in a network namespace the
/// benchmark creates, as the probe tests do) holding five ordinary mappings: unicast SSDP search, the
/// description, GetExternalIPAddress and six GetGenericPortMappingEntry calls (the last one answers 713).
/// The count includes the .NET HttpClient transport; miniupnpd closes every connection, so each call pays
/// for a new one. Target: under 32 KiB.
/// </summary>
[MemoryDiagnoser]
public class UpnpBenchmarks
{
    private MiniupnpdGateway _gateway = null!;
    private HttpClientTransport _http = null!;
    private ProbeContext _context = null!;
    private UpnpIgdProbe _probe = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gateway = MiniupnpdGateway.Start();
        var client = _gateway.Namespace.HostAddress.ToString();
        _gateway.AddMapping("web server", client, 80, 8080, "TCP");
        _gateway.AddMapping("game console", client, 3074, 3074, "UDP");
        _gateway.AddMapping("NAS &amp; photos", client, 5001, 5001, "TCP");
        _gateway.AddMapping("VoIP", client, 5060, 5060, "UDP");
        _gateway.AddMapping("camera", client, 554, 10554, "TCP");
        _http = new HttpClientTransport();
        _context = new ProbeContext(_gateway.Namespace.DeviceAddress.ToString(), _http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance)
        {
            UdpCollector = new SocketUdpCollector(_gateway.Namespace.HostAddress, 1),
        };
        _probe = new UpnpIgdProbe(new UpnpOptions { UseMulticast = false });
        Record();
    }

    private ProbeContext _replay = null!;

    /// <summary>Records what miniupnpd answered to one check, so <see cref="EngineOnReplayedAnswers"/> can replay it in-process.</summary>
    private void Record()
    {
        var http = new RecordingTransport(_http);
        var udp = new RecordingCollector(_context.UdpCollector!);
        var context = new ProbeContext(_context.Host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance) { UdpCollector = udp };
        _probe.Run(context, new ProbeOutput());
        _replay = new ProbeContext(_context.Host, new ReplayTransport(http.Responses), new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance)
        {
            UdpCollector = new ReplayCollector(udp.Sender!, udp.Datagram!),
        };
    }

    /// <summary>
    /// The engine alone: the same check on miniupnpd's recorded answers, replayed in-process with no sockets
    /// and no HttpClient, so the number is what the probe itself allocates (the ESP32's concern).
    /// </summary>
    [Benchmark]
    public int EngineOnReplayedAnswers()
    {
        var output = new ProbeOutput();
        _probe.Run(_replay, output);
        if (output.Facts.Get("upnp.map.tcp.10554") is null) throw new InvalidOperationException("a mapping is missing");
        return output.Facts.Count;
    }

    private sealed class RecordingTransport(HttpClientTransport inner) : FlaxGuard.Engine.Platform.IHttpTransport
    {
        public List<(FlaxGuard.Engine.Platform.HttpResponse Response, byte[] Body)> Responses { get; } = [];

        public FlaxGuard.Engine.Platform.HttpResponse Send(FlaxGuard.Engine.Platform.HttpRequest request, FlaxGuard.Engine.Text.IByteSink? sink)
        {
            var copy = new CopySink(sink);
            var response = inner.Send(request, copy);
            Responses.Add((response, copy.Bytes.ToArray()));
            return response;
        }
    }

    private sealed class CopySink(FlaxGuard.Engine.Text.IByteSink? next) : FlaxGuard.Engine.Text.IByteSink
    {
        public MemoryStream Bytes { get; } = new();

        public void Write(byte[] data, int offset, int count)
        {
            Bytes.Write(data, offset, count);
            next?.Write(data, offset, count);
        }
    }

    private sealed class ReplayTransport(List<(FlaxGuard.Engine.Platform.HttpResponse Response, byte[] Body)> responses) : FlaxGuard.Engine.Platform.IHttpTransport
    {
        private int _next;

        public FlaxGuard.Engine.Platform.HttpResponse Send(FlaxGuard.Engine.Platform.HttpRequest request, FlaxGuard.Engine.Text.IByteSink? sink)
        {
            var (response, body) = responses[_next];
            _next = (_next + 1) % responses.Count;
            sink?.Write(body, 0, body.Length);
            return response;
        }
    }

    private sealed class RecordingCollector(FlaxGuard.Engine.Platform.IUdpCollector inner) : FlaxGuard.Engine.Platform.IUdpCollector, FlaxGuard.Engine.Platform.IDatagramReceiver
    {
        private FlaxGuard.Engine.Platform.IDatagramReceiver? _receiver;

        public string? Sender { get; private set; }

        public byte[]? Datagram { get; private set; }

        public int Collect(string host, int port, byte[] request, int offset, int count, byte[] buffer, int maxDatagrams, int timeoutMs, FlaxGuard.Engine.Platform.IDatagramReceiver receiver, out FlaxGuard.Engine.Platform.ConnectOutcome outcome)
        {
            _receiver = receiver;
            return inner.Collect(host, port, request, offset, count, buffer, maxDatagrams, timeoutMs, this, out outcome);
        }

        public bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count)
        {
            Sender = senderAddress;
            Datagram = data.AsSpan(offset, count).ToArray();
            return _receiver!.Receive(senderAddress, senderPort, data, offset, count);
        }
    }

    private sealed class ReplayCollector(string sender, byte[] datagram) : FlaxGuard.Engine.Platform.IUdpCollector
    {
        public int Collect(string host, int port, byte[] request, int offset, int count, byte[] buffer, int maxDatagrams, int timeoutMs, FlaxGuard.Engine.Platform.IDatagramReceiver receiver, out FlaxGuard.Engine.Platform.ConnectOutcome outcome)
        {
            outcome = FlaxGuard.Engine.Platform.ConnectOutcome.Connected;
            Buffer.BlockCopy(datagram, 0, buffer, 0, datagram.Length);
            receiver.Receive(sender, 1900, buffer, 0, datagram.Length);
            return 1;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _gateway.Dispose();
    }

    [Benchmark]
    public int UpnpCheck()
    {
        var output = new ProbeOutput();
        _probe.Run(_context, output);
        foreach (var v in output.Verdicts())
            if (v.IsUnverified) throw new InvalidOperationException(v.ToString());
        if (output.Facts.Get("upnp.map.tcp.10554") is null) throw new InvalidOperationException("a mapping is missing");
        return output.Facts.Count;
    }

    /// <summary>
    /// The same eight HTTP exchanges through the same transport with the body discarded: what the .NET
    /// HttpClient costs on its own, so the engine's share is the difference between the two rows.
    /// </summary>
    [Benchmark]
    public long TransportOnly()
    {
        long bytes = 0;
        bytes += _http.Send(new FlaxGuard.Engine.Platform.HttpRequest("GET", _gateway.DescriptionUrl), null).BodyBytes;
        var control = $"http://{_gateway.Namespace.DeviceAddress}:{MiniupnpdGateway.HttpPort}/ctl/IPConn";
        for (var i = -1; i <= 5; i++)
        {
            var action = i < 0 ? "GetExternalIPAddress" : "GetGenericPortMappingEntry";
            var request = new FlaxGuard.Engine.Platform.HttpRequest("POST", control)
            {
                Body = SoapRequest.Build(UpnpDescription.WanIpConnection2, action, i < 0 ? null : "NewPortMappingIndex", i.ToString()),
                ContentType = "text/xml; charset=\"utf-8\"",
            };
            request.AddHeader("SOAPACTION", SoapRequest.ActionHeader(UpnpDescription.WanIpConnection2, action));
            bytes += _http.Send(request, null).BodyBytes;
        }
        return bytes;
    }
}
