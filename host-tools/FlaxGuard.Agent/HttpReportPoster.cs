using System.Net.Http.Headers;
using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Agent;

/// <summary>
/// POST /api/v1/reports with the sealed FGR1 bytes and the X-FlaxGuard-Queue header. Synchronous because the
/// engine's <see cref="ReportUploader"/> is; it runs on the agent's worker thread, never on a UI or timer thread.
/// </summary>
public sealed class HttpReportPoster(HttpClient http, string hostUrl, TimeSpan timeout, CancellationToken stopping) : IReportPoster
{
    public const string Path = "/api/v1/reports";
    public const string QueueHeader = "X-FlaxGuard-Queue";

    public int Post(byte[] report, int queueLength, out string error, out long hostHighWater)
    {
        error = null!;
        hostHighWater = 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, hostUrl + Path);
        request.Content = new ByteArrayContent(report);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(QueueHeader, queueLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        cts.CancelAfter(timeout);
        try
        {
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                var body = BoundedBody.Read(response, HostReason.MaxBytes, cts.Token);
                var reason = HostReason.From(body).Trim();
                error = reason.Length == 0 ? null! : reason.Trim('(', ')');
                if (status == ReportUploader.CounterConflictStatus) hostHighWater = HostAnswer.HighWater(body);
            }
            return status;
        }
        catch (OperationCanceledException)
        {
            error = stopping.IsCancellationRequested ? "the agent is stopping" : $"no answer within {timeout.TotalSeconds:0} s";
            return 0;
        }
        catch (HttpRequestException e)
        {
            error = HostHttpClient.Describe(e);
            return 0;
        }
        catch (IOException e)
        {
            error = "the connection broke: " + e.Message;
            return 0;
        }
    }
}
