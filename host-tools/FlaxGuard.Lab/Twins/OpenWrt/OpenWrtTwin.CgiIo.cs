using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// cgi-io's download entry (openwrt/cgi-io main.c, main_download), as uhttpd runs it at /cgi-bin/cgi-download:
/// the POST body must be application/x-www-form-urlencoded and under POST_LIMIT (131072, util.h) or no field is
/// read; then "cgi-io" "download" "read" on the session (403 "Download permission denied"), "file" &lt;path&gt; "read"
/// (403 "Access to path denied by ACL"), the path must exist (404 "Failed to stat requested path") and be a regular
/// file or block device (403), filename and mimetype are checked character by character (400), and the block
/// device is streamed with Content-Length = its size. Failures are "Status: N message" with a text/plain body.
/// </summary>
public sealed partial class OpenWrtTwin
{
    public const string CgiDownloadPath = "/cgi-bin/cgi-download";
    private const int CgiPostLimit = 131072;

    /// <summary>How downloads are answered; <see cref="CgiIoHostility.None"/> is the honest router.</summary>
    public CgiIoHostility DownloadHostility { get; set; }

    /// <summary>Downloads that passed the ACL checks so far.</summary>
    public int Downloads => Volatile.Read(ref _downloads);

    private int _downloads;

    /// <summary>The flash the twin serves now.</summary>
    public TwinFlash CurrentFlash
    {
        get { lock (_gate) return _state.Flash; }
    }

    /// <summary>Replaces the flash (tests build partitions with mkimage and mksquashfs).</summary>
    public void SetFlash(TwinFlash flash)
    {
        ArgumentNullException.ThrowIfNull(flash);
        lock (_gate) _state.Flash = flash;
    }

    /// <summary>Changes flash bytes in place, under the twin's lock.</summary>
    public void WriteFlash(int offset, ReadOnlySpan<byte> bytes)
    {
        lock (_gate) bytes.CopyTo(_state.Flash.Bytes.AsSpan(offset));
    }

    private async Task HandleCgiDownloadAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) &&
            request.ContentLength is > 0 and < CgiPostLimit)
        {
            var body = new byte[(int)request.ContentLength.Value];
            try
            {
                await request.Body.ReadExactlyAsync(body, context.RequestAborted);
            }
            catch (EndOfStreamException)
            {
                body = [];
            }
            foreach (var pair in Encoding.Latin1.GetString(body).Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var name = pair[..eq];
                if (name is "sessionid" or "path" or "filename" or "mimetype" && !fields.ContainsKey(name))
                    fields[name] = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        var (status, message, flash) = Authorize(fields);
        if (flash is null)
        {
            await FailAsync(context, status, message);
            return;
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = fields.GetValueOrDefault("mimetype") ?? "application/octet-stream";
        if (fields.TryGetValue("filename", out var shown)) response.Headers.ContentDisposition = $"attachment; filename=\"{shown}\"";
        switch (DownloadHostility)
        {
            case CgiIoHostility.Truncated:
                response.ContentLength = flash.Length;
                await response.Body.WriteAsync(flash.AsMemory(0, flash.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            case CgiIoHostility.Oversized:
                // Bounded: the partition, then as much again of erased flash.
                await response.Body.WriteAsync(flash, context.RequestAborted);
                var erased = new byte[64 * 1024];
                Array.Fill(erased, (byte)0xFF);
                for (var sent = 0; sent < flash.Length; sent += erased.Length)
                    await response.Body.WriteAsync(erased, context.RequestAborted);
                return;
            default:
                response.ContentLength = flash.Length;
                await response.Body.WriteAsync(flash, context.RequestAborted);
                return;
        }
    }

    // The checks main_download makes, in its order; the partition's bytes when all pass.
    private (int Status, string Message, byte[]? Flash) Authorize(Dictionary<string, string> fields)
    {
        lock (_gate)
        {
            var session = fields.TryGetValue("sessionid", out var sid) ? LiveSession(sid) : null;
            if (session is null || !session.Allowed("cgi-io", "download", "read")) return (403, "Download permission denied", null);
            if (!fields.TryGetValue("path", out var path) || !session.Allowed("file", path, "read")) return (403, "Access to path denied by ACL", null);
            var partition = _state.Flash.ByBlockDevice(path);
            if (partition is null)
            {
                return _state.Files.ContainsKey(path)
                    ? (403, "Requested path is not a regular file or block device", null)
                    : (404, "Failed to stat requested path: No such file or directory", null);
            }
            if (fields.TryGetValue("filename", out var filename) && filename.Any(c => !char.IsAsciiLetterOrDigit(c) && !" ()<>@,;:[]?.=%-".Contains(c)))
                return (400, "Invalid characters in filename", null);
            if (fields.TryGetValue("mimetype", out var mime) && mime.Any(c => !char.IsAsciiLetterOrDigit(c) && !" .;=/-".Contains(c)))
                return (400, "Invalid characters in mimetype", null);
            Interlocked.Increment(ref _downloads);
            return (200, "OK", _state.Flash.Bytes.AsSpan(partition.Offset, partition.Size).ToArray());
        }
    }

    private static async Task FailAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
