using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlaxGuard.Alerts.Webhook;

/// <summary>
/// POSTs each alert as one JSON document. Any 2xx answer means delivered; 408, 425, 429 and 5xx, timeouts and
/// connection failures are worth another try; other answers are permanent failures.
///
/// The JSON shape is stable (version in "schema"; fields are only ever added):
/// <code>
/// {
///   "schema": "flaxguard.alert/1",
///   "id": "3f2a...32 hex",                 same id on every retry of this alert: drop repeats by it
///   "state": "raised" | "cleared",
///   "severity": "info" | "low" | "medium" | "high" | "critical",
///   "time": "2026-11-27T03:30:00.000+00:00",
///   "appliance": { "id": "..." },
///   "device": { "id": "...", "name": "...", "open_findings": 2, "worst_open_severity": "high" },
///   "finding": { "key": "cfg.service.telnet", "sentence": "..." }
/// }
/// </code>
/// Headers: Content-Type application/json; charset=utf-8, X-FlaxGuard-Delivery (the id), X-FlaxGuard-Event
/// (state) and, with a shared secret, <c>X-FlaxGuard-Signature: sha256=&lt;lower-case hex HMAC-SHA256 of the exact
/// body bytes&gt;</c> so receivers can check that FlaxGuard sent it (compare in constant time).
/// </summary>
public sealed class WebhookChannel : IAlertChannel
{
    public const string SchemaName = "flaxguard.alert/1";
    public const string SignatureHeader = "X-FlaxGuard-Signature";
    public const string DeliveryHeader = "X-FlaxGuard-Delivery";
    public const string EventHeader = "X-FlaxGuard-Event";

    private readonly WebhookOptions _options;
    private readonly HttpClient _http;

    public WebhookChannel(WebhookOptions options, HttpMessageHandler? handler = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        // No redirects: a receiver that redirects should be configured with its final URL, and following
        // redirects would send signed alerts to wherever the receiver points.
        handler ??= new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = options.Timeout };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Description => _options.Description;

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = Serialize(alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("FlaxGuard-Alerts", "1"));
        request.Headers.Add(DeliveryHeader, alert.Id);
        request.Headers.Add(EventHeader, alert.StateName);
        if (_options.SigningSecret is { } secret) request.Headers.Add(SignatureHeader, Sign(secret, body));

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"{Description}: no answer within {_options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new AlertDeliveryException($"{Description}: {ConnectionProblem(e)}", inner: e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299) return;
            var retryable = status is 408 or 425 or 429 || status >= 500;
            throw new AlertDeliveryException($"{Description}: the receiver answered HTTP {status}", isPermanent: !retryable);
        }
    }

    /// <summary>The exact body bytes POSTed for an alert (see the class comment for the shape).</summary>
    public static byte[] Serialize(AlertEvent alert)
    {
        using var buffer = new MemoryStream();
        // The default encoder escapes non-ASCII and HTML-significant characters as \uXXXX: still the same
        // text for any JSON reader, and harmless if a receiver pastes it into a web page.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaName);
            json.WriteString("id", alert.Id);
            json.WriteString("state", alert.StateName);
            json.WriteString("severity", alert.SeverityName);
            json.WriteString("time", alert.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("appliance");
            json.WriteString("id", alert.ApplianceId);
            json.WriteEndObject();
            json.WriteStartObject("device");
            json.WriteString("id", alert.DeviceId);
            json.WriteString("name", alert.DeviceName);
            json.WriteNumber("open_findings", alert.OpenFindings);
            json.WriteString("worst_open_severity", FlaxGuard.Engine.Verdicts.SeverityNames.Name(alert.WorstOpenSeverity));
            json.WriteEndObject();
            json.WriteStartObject("finding");
            json.WriteString("key", alert.FindingKey);
            json.WriteString("sentence", alert.Sentence);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>"sha256=" + lower-case hex HMAC-SHA256 of <paramref name="body"/>.</summary>
    public static string Sign(byte[] secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    private static string ConnectionProblem(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError => "cannot connect",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed (certificate not trusted?)",
        HttpRequestError.ResponseEnded => "the receiver closed the connection without an answer",
        HttpRequestError.InvalidResponse => "the receiver's answer is not valid HTTP",
        _ => "the request failed",
    };

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
