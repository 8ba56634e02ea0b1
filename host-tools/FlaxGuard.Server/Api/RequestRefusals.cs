using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Api;

/// <summary>Answers a refused request: counts it (in memory, see <see cref="RefusalCounter"/>) and logs one rate-limited line for its client.</summary>
public sealed class RequestRefusals(RefusalCounter counter, ClientLogLimiter log)
{
    public RefusalCounter Counter => counter;

    public ClientLogLimiter Log => log;

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown client";

    public IResult Refuse(HttpContext http, Refusal refusal)
    {
        counter.Add(refusal.Error);
        // A duplicate or a taken counter is an appliance's normal retry, not a sign of trouble.
        var level = refusal.Error is Refusal.Duplicate or Refusal.CounterConflict ? LogLevel.Information : LogLevel.Warning;
        log.Log(ClientOf(http), level, $"refused {http.Request.Method} {LogText.Clean(http.Request.Path.Value)} with {refusal.Status}: {refusal.Error}: {LogText.Clean(refusal.Reason)}");
        return refusal.HighWater is { } highWater
            ? Results.Json(new { error = refusal.Error, reason = refusal.Reason, highWater }, statusCode: refusal.Status)
            : Results.Json(new { error = refusal.Error, reason = refusal.Reason }, statusCode: refusal.Status);
    }

    /// <summary>For middleware: refuses and writes the answer at once.</summary>
    public Task WriteAsync(HttpContext http, Refusal refusal) => Refuse(http, refusal).ExecuteAsync(http);
}
