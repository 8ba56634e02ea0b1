using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Api;

/// <summary>
/// The first middleware: a request that is not well-formed HTTP (a chunk size of FFFFFFFFFFFFFFFF, a form that cannot
/// be parsed) gets a 4xx and one short log line instead of a 500 and a stack trace; a request whose Host header names
/// a host we do not answer to gets 421 (DNS rebinding, see <see cref="HostAllowList"/>).
/// </summary>
public sealed class RequestGuard(HostAllowList hosts, RequestRefusals refusals)
{
    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        try
        {
            if (CheckHost(http) is { } misdirected)
            {
                await refusals.WriteAsync(http, misdirected);
                return;
            }
            await next();
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or was cut off); there is no one to answer.
        }
        catch (Exception e) when (IsMalformedRequest(e) && !http.Response.HasStarted)
        {
            e.Data[KestrelBadRequestLog.HandledMark] = true;
            // The request's framing is broken: close the connection after the answer, so Kestrel does not read the rest of
            // the body to keep it alive, fail on the same bytes again and have the one request counted twice.
            http.Response.Headers.Connection = "close";
            var status = e is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            var error = status == StatusCodes.Status413PayloadTooLarge ? Refusal.Oversized : Refusal.BadRequest;
            await refusals.WriteAsync(http, new Refusal(status, error, "not a valid HTTP request: " + e.Message));
        }
        catch (Exception e) when (IsMalformedRequest(e))
        {
            // Too late for a status (the answer has begun): cut the connection; one line, no trace.
            e.Data[KestrelBadRequestLog.HandledMark] = true;
            refusals.Counter.Add(Refusal.BadRequest);
            refusals.Log.Log(RequestRefusals.ClientOf(http), LogLevel.Warning, $"request cut off: {LogText.Clean(e.Message)}");
            http.Abort();
        }
        catch (Exception e)
        {
            // A fault of ours, not the client's: still one line (type and message say where), never a trace in the log.
            refusals.Log.Log(RequestRefusals.ClientOf(http), LogLevel.Error,
                $"internal error on {http.Request.Method} {LogText.Clean(http.Request.Path.Value)}: {e.GetType().Name}: {LogText.Clean(e.Message)}");
            if (http.Response.HasStarted) http.Abort();
            else http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    /// <summary>
    /// What Kestrel and the form reader throw for a request that is not well-formed. A chunk size too large for a
    /// long comes as a plain IOException ("Bad chunk size data", an OverflowException inside), not a BadHttpRequestException.
    /// </summary>
    private static bool IsMalformedRequest(Exception e) =>
        e is BadHttpRequestException or InvalidDataException
        || e is IOException && e.Source?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;

    private Refusal? CheckHost(HttpContext http)
    {
        var host = http.Request.Host;
        if (!host.HasValue)
            return new Refusal(StatusCodes.Status400BadRequest, Refusal.UnknownHost, "send a Host header naming this server");
        if (hosts.Allows(host.Host)) return null;
        return new Refusal(StatusCodes.Status421MisdirectedRequest, Refusal.UnknownHost,
            $"this server does not answer to the name '{LogText.Clean(host.Host)}'; use its address, or start serve with --allowed-host for that name");
    }
}
