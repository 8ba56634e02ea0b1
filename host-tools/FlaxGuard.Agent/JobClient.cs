using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Agent;

/// <summary>
/// Fetches the appliance's sealed job: GET /api/v1/job with X-FlaxGuard-Device and a fresh, time-bound
/// X-FlaxGuard-Auth signature (the key itself never leaves the agent). The body is bounded by the engine's
/// job size limit; the job is verified by <see cref="FlaxGuard.Engine.Appliance.JobStore"/>, not here.
/// </summary>
public sealed class JobClient(HttpClient http, string hostUrl, string applianceId, byte[] applianceKey, IClock clock, TimeSpan timeout)
{
    public async Task<JobFetch> FetchAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, hostUrl + JobRequestAuth.Path);
        request.Headers.Add(JobRequestAuth.DeviceHeader, applianceId);
        request.Headers.Add(JobRequestAuth.AuthHeader, JobRequestAuth.HeaderValue(applianceKey, applianceId, clock.UtcUnixMilliseconds / 1000));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var status = (int)response.StatusCode;
            var body = await BoundedBody.ReadAsync(response, JobLimits.MaxEnvelopeBytes, cts.Token);
            if (status != 200) return new JobFetch(status, null, "the host answered HTTP " + status + HostReason.From(body));
            if (body is null) return new JobFetch(status, null, $"the job is larger than {JobLimits.MaxEnvelopeBytes} bytes");
            return new JobFetch(status, body, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new JobFetch(0, null, $"no answer from the host within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new JobFetch(0, null, HostHttpClient.Describe(e));
        }
    }
}
