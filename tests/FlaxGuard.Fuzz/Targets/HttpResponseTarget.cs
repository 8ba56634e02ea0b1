using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Esp32.Http;
using FlaxGuard.Fuzz.Fakes;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// The dongle's HTTP/1.1 client (<see cref="Http11Exchange"/>: status line, headers, Content-Length, chunked and
/// close-delimited bodies) reading a device's answer into the engine's <see cref="BoundedCapture"/>. Refusal is an
/// <see cref="HttpResponse"/> whose outcome is not Completed, with an error. The answer is read twice, in one
/// piece and in small pieces: outcome, status, headers and captured body must not depend on how TCP splits it.
/// </summary>
public sealed class HttpResponseTarget : IFuzzTarget
{
    private const int MaxHeaderBytes = 4096;
    private const long MaxBodyBytes = 16 * 1024;
    private const int CaptureLimit = 4096;

    public string Name => "http-response";

    public string Feeds => "a device's HTTP/1.1 answer (headers, chunked body) to Http11Exchange.Run";

    public bool Run(byte[] input)
    {
        var whole = Exchange(input, int.MaxValue, new BoundedCapture(CaptureLimit, CaptureLimit));
        var pieces = Exchange(input, 1 + input.Length % 13, new BoundedCapture(16, CaptureLimit));
        if (whole.Summary != pieces.Summary)
            throw new FuzzContractException($"Http11Exchange depends on how the bytes arrive: whole {whole.Summary}, in pieces {pieces.Summary}");
        return whole.Response.Outcome == HttpOutcome.Completed;
    }

    private static Result Exchange(byte[] input, int pieceBytes, BoundedCapture capture)
    {
        var request = new HttpRequest("GET", "http://192.0.2.1/ISAPI/System/deviceInfo") { MaxHeaderBytes = MaxHeaderBytes, MaxBodyBytes = MaxBodyBytes };
        using var connection = new ScriptedConnection(input, pieceBytes);
        HttpResponse response = Http11Exchange.Run(connection, request, "192.0.2.1", "/ISAPI/System/deviceInfo", capture, new FixedClock(), deadline: 60_000)
            ?? throw new FuzzContractException("Http11Exchange.Run returned null");
        if (response.Outcome != HttpOutcome.Completed && string.IsNullOrEmpty(response.Error))
            throw new FuzzContractException($"a {response.Outcome} answer without a reason");
        if (response.BodyBytes > MaxBodyBytes) throw new FuzzContractException("more body bytes than MaxBodyBytes were passed on");
        if (capture.Length > CaptureLimit) throw new FuzzContractException("the capture holds more than its limit");

        var summary = new System.Text.StringBuilder();
        summary.Append(response.Outcome).Append(' ').Append(response.StatusCode).Append(' ').Append(response.BodyBytes);
        for (int i = 0; i < response.HeaderCount; i++)
        {
            HttpHeader header = response.GetHeaderAt(i);
            summary.Append('|').Append(header.Name).Append(':').Append(header.Value);
        }
        _ = response.GetHeader("WWW-Authenticate");
        summary.Append('|').Append(Convert.ToHexString(capture.Buffer, 0, capture.Length));
        return new Result(response, summary.ToString());
    }

    private readonly record struct Result(HttpResponse Response, string Summary);
}
