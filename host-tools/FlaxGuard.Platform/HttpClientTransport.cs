using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using EngineHttpRequest = FlaxGuard.Engine.Platform.HttpRequest;
using EngineHttpResponse = FlaxGuard.Engine.Platform.HttpResponse;

namespace FlaxGuard.Platform;

/// <summary>
/// The engine's bounded HTTP transport on <see cref="HttpClient"/>. Redirects are not followed, content is
/// not decompressed (hashes are of what the device serves, and no gzip bomb can expand), the whole
/// exchange is bounded by the request's timeout, and the body is streamed to the sink through one pooled
/// buffer. Server certificates are accepted and fingerprinted: device certificates are self-signed and are
/// watched for change rather than trusted.
/// </summary>
public sealed class HttpClientTransport : IHttpTransport, IDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, (byte[] Sha256, string Subject)> _certificates = new(StringComparer.OrdinalIgnoreCase);

    public HttpClientTransport()
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 64,
            ServerCertificateCustomValidationCallback = (request, certificate, _, _) =>
            {
                if (request.RequestUri is { } uri && certificate is not null)
                    _certificates[Authority(uri)] = (SHA256.HashData(certificate.RawData), certificate.Subject);
                return true;
            },
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("FlaxGuard", "0.1"));
    }

    public EngineHttpResponse Send(EngineHttpRequest request, IByteSink? sink)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return EngineHttpResponse.Failed(HttpOutcome.InvalidUrl, "not an absolute http or https URL");

        using var cts = new CancellationTokenSource(Math.Max(1, request.TimeoutMs));
        using var message = BuildMessage(request, uri);
        HttpResponseMessage response;
        try
        {
            response = _client.Send(message, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return EngineHttpResponse.Failed(HttpOutcome.TimedOut, $"no response within {request.TimeoutMs} ms");
        }
        catch (HttpRequestException e)
        {
            return EngineHttpResponse.Failed(Classify(e), Describe(e));
        }

        using (response)
        {
            var (headers, headerCount, headerBytes) = CollectHeaders(response);
            var status = (int)response.StatusCode;
            var (certificate, subject) = uri.Scheme == Uri.UriSchemeHttps ? _certificates.GetValueOrDefault(Authority(uri)) : default;
            if (headerBytes > request.MaxHeaderBytes)
                return new EngineHttpResponse(HttpOutcome.HeadersTooLarge, status, headers, headerCount, 0, certificate, $"headers are {headerBytes} bytes, limit {request.MaxHeaderBytes}") { CertificateSubject = subject };

            if (sink is ILengthHintSink hinted && response.Content.Headers.ContentLength is long declared && declared <= request.MaxBodyBytes)
                hinted.ExpectLength(declared);
            var (outcome, bodyBytes, error) = StreamBody(response, sink, request.MaxBodyBytes, cts.Token);
            if (outcome == HttpOutcome.TimedOut) error = $"the body did not arrive within {request.TimeoutMs} ms";
            return new EngineHttpResponse(outcome, status, headers, headerCount, bodyBytes, certificate, error) { CertificateSubject = subject };
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage BuildMessage(EngineHttpRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body, 0, request.BodyLength);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        for (var i = 0; i < request.HeaderCount; i++)
        {
            var header = request.GetHeader(i);
            if (!message.Headers.TryAddWithoutValidation(header.Name, header.Value))
                message.Content?.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        return message;
    }

    private static (HttpHeader[] Headers, int Count, long Bytes) CollectHeaders(HttpResponseMessage response)
    {
        var headers = new HttpHeader[FlaxGuard.Engine.Platform.HttpResponse.MaxHeaders];
        var count = 0;
        long bytes = 0;
        foreach (var group in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            foreach (var value in group.Value)
            {
                bytes += group.Key.Length + value.Length + 4;
                if (count < headers.Length) headers[count++] = new HttpHeader(group.Key, value);
            }
        }
        return (headers, count, bytes);
    }

    private static (HttpOutcome Outcome, long Bytes, string? Error) StreamBody(HttpResponseMessage response, IByteSink? sink, long maxBytes, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        long total = 0;
        try
        {
            using var stream = response.Content.ReadAsStream(token);
            while (true)
            {
                // A read cancelled by the deadline aborts the connection at once; disposing a response instead would
                // first try to drain the stalled body for reuse (up to two seconds more).
                var n = stream.ReadAsync(buffer.AsMemory(0, ChunkBytes), token).AsTask().GetAwaiter().GetResult();
                if (n == 0) return (HttpOutcome.Completed, total, null);
                if (total + n > maxBytes)
                {
                    var allowed = (int)(maxBytes - total);
                    if (allowed > 0) sink?.Write(buffer, 0, allowed);
                    return (HttpOutcome.BodyTooLarge, maxBytes, $"the body is larger than {maxBytes} bytes");
                }
                sink?.Write(buffer, 0, n);
                total += n;
                // The sink has all it needs; disposing the response closes the connection (bodies larger than the
                // handler's drain limit are not drained).
                if (sink is ISatisfiableSink { Satisfied: true }) return (HttpOutcome.Completed, total, null);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            if (token.IsCancellationRequested) return (HttpOutcome.TimedOut, total, null);
            return (HttpOutcome.ProtocolError, total, "the connection broke off in the middle of the body");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static HttpOutcome Classify(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError => HttpOutcome.ConnectFailed,
        HttpRequestError.SecureConnectionError => HttpOutcome.TlsFailed,
        HttpRequestError.ConfigurationLimitExceeded => HttpOutcome.HeadersTooLarge,
        _ when e.InnerException is AuthenticationException => HttpOutcome.TlsFailed,
        _ => HttpOutcome.ProtocolError,
    };

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "the connection was refused or could not be made",
        HttpRequestError.NameResolutionError => "the host name did not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ConfigurationLimitExceeded => "the response headers exceed 64 KiB",
        HttpRequestError.ResponseEnded => "the device closed the connection before a full response",
        HttpRequestError.InvalidResponse => "the device's answer is not valid HTTP",
        _ => "the exchange failed",
    };

    private static string Authority(Uri uri) => uri.IdnHost + ":" + uri.Port;
}
