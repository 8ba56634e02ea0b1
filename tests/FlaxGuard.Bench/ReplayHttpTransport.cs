using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Bench;

/// <summary>
/// Records one probe run's exchanges with a real transport, then plays them back without allocating, so the
/// bytes counted on the checking thread are the engine's alone (the ESP32 does not run .NET's HttpClient).
/// Playback checks every request's method and URL against the recording, so a probe that took another path
/// fails loudly instead of being measured on the wrong answers. Per-call allocation deltas are kept for diagnosis.
/// </summary>
public sealed class ReplayHttpTransport : IHttpTransport
{
    private sealed record Exchange(string Method, string Url, HttpResponse Response, byte[] Body);

    private readonly IHttpTransport _live;
    private readonly List<Exchange> _recorded = [];
    private readonly long[] _allocatedAtCall = new long[256];
    private bool _replaying;
    private int _next;

    public ReplayHttpTransport(IHttpTransport live) => _live = live;

    public int Calls => _replaying ? _next : _recorded.Count;

    /// <summary>Called during playback before each call and after each answer is handed over (live-heap sampling).</summary>
    public Action? OnBoundary { get; set; }

    /// <summary>Thread bytes allocated at the start of each played-back call (valid after a replay).</summary>
    public ReadOnlySpan<long> AllocatedAtCall => _allocatedAtCall.AsSpan(0, _next);

    /// <summary>Bytes of all recorded answer bodies together.</summary>
    public long AnswerBytes => _recorded.Sum(e => (long)e.Body.Length);

    /// <summary>Bytes of the longest recorded answer body.</summary>
    public int LargestAnswer => _recorded.Count == 0 ? 0 : _recorded.Max(e => e.Body.Length);

    public string DescribeCall(int index) => $"{_recorded[index].Method} {_recorded[index].Url} (answer {_recorded[index].Body.Length:N0} bytes)";

    public void StartRecording()
    {
        _recorded.Clear();
        _replaying = false;
    }

    public void StartReplay()
    {
        _replaying = true;
        _next = 0;
    }

    public HttpResponse Send(HttpRequest request, IByteSink sink)
    {
        if (!_replaying)
        {
            var capture = new MemoryStream();
            var response = _live.Send(request, new StreamSink(capture, sink));
            _recorded.Add(new Exchange(request.Method, request.Url, response, capture.ToArray()));
            var dump = Environment.GetEnvironmentVariable("FG_DUMP_ANSWERS");
            if (dump is not null) File.WriteAllBytes(Path.Combine(dump, $"{new Uri(request.Url).Port}-{_recorded.Count:00}.body"), _recorded[^1].Body);
            return response;
        }
        OnBoundary?.Invoke();
        if (_next < _allocatedAtCall.Length) _allocatedAtCall[_next] = GC.GetAllocatedBytesForCurrentThread();
        if (_next >= _recorded.Count) throw new InvalidOperationException($"replay: the probe made call {_next + 1}, the recording has {_recorded.Count}");
        var exchange = _recorded[_next++];
        if (!string.Equals(exchange.Method, request.Method, StringComparison.Ordinal) || !SameUrl(exchange.Url, request))
            throw new InvalidOperationException($"replay: call {_next} is {request.Method} {request.Url}, recorded {exchange.Method} {exchange.Url}");
        // As the real transports do: the declared length first, then pieces of a TCP segment's size.
        if (sink is ILengthHintSink hinted && long.TryParse(exchange.Response.GetHeader("Content-Length"), out var declared) && declared <= request.MaxBodyBytes)
            hinted.ExpectLength(declared);
        const int piece = 1460;
        for (var offset = 0; sink != null && offset < exchange.Body.Length; offset += piece)
            sink.Write(exchange.Body, offset, Math.Min(piece, exchange.Body.Length - offset));
        OnBoundary?.Invoke();
        return exchange.Response;
    }

    // Compares without reading request.Url, which joins a base and suffix into a new string: that would be counted as the engine's.
    private static bool SameUrl(string recorded, HttpRequest request)
    {
        if (request.BaseUrl is null) return string.Equals(recorded, request.Url, StringComparison.Ordinal);
        string head = request.BaseUrl, tail = request.UrlSuffix!;
        return recorded.Length == head.Length + tail.Length
            && string.CompareOrdinal(recorded, 0, head, 0, head.Length) == 0
            && string.CompareOrdinal(recorded, head.Length, tail, 0, tail.Length) == 0;
    }

    private sealed class StreamSink(MemoryStream copy, IByteSink? inner) : IByteSink
    {
        public void Write(byte[] data, int offset, int count)
        {
            copy.Write(data, offset, count);
            inner?.Write(data, offset, count);
        }
    }
}
