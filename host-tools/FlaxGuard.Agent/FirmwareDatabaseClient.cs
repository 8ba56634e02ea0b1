using System.Net;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Agent;

/// <summary>
/// Downloads the firmware database compiled for this appliance from GET /api/v1/hashdb in ranges of
/// <see cref="ChunkBytes"/> (as the dongle does, which cannot hold it in RAM), each request signed like the job
/// request but for its own path. The file is written as it arrives and never exceeds <see cref="MaxBytes"/>; whether it
/// is genuine is decided afterwards by <c>HashDbReader.Open</c> (HMAC with the appliance key), not here.
/// </summary>
public sealed class FirmwareDatabaseClient(HttpClient http, string hostUrl, string applianceId, byte[] applianceKey, IClock clock, TimeSpan timeout)
{
    public const int ChunkBytes = 64 * 1024;
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Writes the database to <paramref name="path"/>; null on success, else the problem in words (the file is then removed).</summary>
    public async Task<string?> DownloadAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            long offset = 0;
            long total = -1;
            while (total < 0 || offset < total)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, hostUrl + JobRequestAuth.HashDbPath);
                request.Headers.Add(JobRequestAuth.DeviceHeader, applianceId);
                request.Headers.Add(JobRequestAuth.AuthHeader, JobRequestAuth.HeaderValue(JobRequestAuth.HashDbPath, applianceKey, applianceId, clock.UtcUnixMilliseconds / 1000));
                request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, offset + ChunkBytes - 1);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(timeout);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
                if (response.StatusCode != HttpStatusCode.PartialContent)
                {
                    var body = await BoundedBody.ReadAsync(response, 4096, cts.Token);
                    return Fail(path, "the host answered HTTP " + (int)response.StatusCode + HostReason.From(body));
                }
                var range = response.Content.Headers.ContentRange;
                if (range is not { From: { } from, Length: { } length } || from != offset || length <= 0 || length > MaxBytes || (total >= 0 && length != total))
                    return Fail(path, "the host's Content-Range does not continue the download");
                total = length;
                var chunk = await BoundedBody.ReadAsync(response, ChunkBytes, cts.Token);
                if (chunk is null || chunk.Length == 0 || offset + chunk.Length > total) return Fail(path, "the host sent a range longer or shorter than asked");
                await file.WriteAsync(chunk, ct);
                offset += chunk.Length;
            }
            await file.FlushAsync(ct);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail(path, $"no answer from the host within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return Fail(path, HostHttpClient.Describe(e));
        }
        catch (IOException e)
        {
            return Fail(path, "cannot write the firmware database: " + e.Message);
        }
    }

    private static string Fail(string path, string problem)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        return problem;
    }
}
