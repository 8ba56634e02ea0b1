using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// cgi-io's exec entry (openwrt/cgi-io main.c, main_exec), as uhttpd runs it at /cgi-bin/cgi-exec: form fields
/// sessionid, command, filename, mimetype (the same POST_LIMIT as downloads); "cgi-io" "exec" "read" on the session
/// (403 "Exec permission denied"), filename and mimetype character checks (400), an empty command 400 "Invalid
/// command parameter"; then file exec permission on the whole command line or, failing that, on the executable
/// found on PATH (403 "Access to command denied by ACL"), an unknown executable 404 "Executable not found". The
/// output is streamed without a Content-Length, as cgi-io splices the pipe. The twin has one program: nft (only "list
/// ruleset" with --terse and --json) on 23.05, or iptables (only listings, "-nvxL -t TABLE") on a firewall3 twin.
/// </summary>
public sealed partial class OpenWrtTwin
{
    public const string CgiExecPath = "/cgi-bin/cgi-exec";
    private const string NftPath = "/usr/sbin/nft";
    private const string IptablesPath = "/usr/sbin/iptables";

    /// <summary>Commands cgi-exec ran so far.</summary>
    public int Execs => Volatile.Read(ref _execs);

    private int _execs;

    private async Task HandleCgiExecAsync(HttpContext context)
    {
        var fields = await ReadFormAsync(context.Request, ["sessionid", "command", "filename", "mimetype"], context.RequestAborted);
        string? output;
        int status;
        string message;
        lock (_gate)
        {
            (status, message, output) = Exec(fields);
        }
        if (output is null)
        {
            await FailAsync(context, status, message);
            return;
        }
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = fields.GetValueOrDefault("mimetype") ?? "application/octet-stream";
        var bytes = Encoding.UTF8.GetBytes(output);
        // cgi-io splices the program's pipe: the body arrives in pieces, without a length.
        for (var at = 0; at < bytes.Length; at += 4096)
        {
            await response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(4096, bytes.Length - at)), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private (int Status, string Message, string? Output) Exec(Dictionary<string, string> fields)
    {
        var session = fields.TryGetValue("sessionid", out var sid) ? LiveSession(sid) : null;
        if (session is null || !session.Allowed("cgi-io", "exec", "read")) return (403, "Exec permission denied", null);
        if (fields.TryGetValue("filename", out var filename) && filename.Any(c => !char.IsAsciiLetterOrDigit(c) && !" ()<>@,;:[]?.=%-".Contains(c)))
            return (400, "Invalid characters in filename", null);
        if (fields.TryGetValue("mimetype", out var mime) && mime.Any(c => !char.IsAsciiLetterOrDigit(c) && !" .;=/-".Contains(c)))
            return (400, "Invalid characters in mimetype", null);
        if (!fields.TryGetValue("command", out var command) || command.Trim().Length == 0) return (400, "Invalid command parameter", null);
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var allowed = session.Allowed("file", command, "exec");
        // A 23.05 router has nft (fw4); a 21.02 one has iptables (fw3) instead.
        var exe = _state.Firewall3
            ? args[0] is IptablesPath or "iptables" ? IptablesPath : null
            : args[0] is NftPath or "nft" ? NftPath : null;
        if (exe is null) return (404, "Executable not found", null);
        if (!allowed && !session.Allowed("file", exe, "exec")) return (403, "Access to command denied by ACL", null);
        Interlocked.Increment(ref _execs);
        var rest = args.Skip(1).ToArray();
        if (exe == IptablesPath)
        {
            // Only listings; a table iptables does not know makes it print an error to stderr, which cgi-io drops.
            var at = Array.IndexOf(rest, "-t");
            var table = at >= 0 && at + 1 < rest.Length ? rest[at + 1] : "filter";
            var lists = rest.Any(a => a.StartsWith('-') && !a.StartsWith("--") && a.Contains('L'));
            return (200, "OK", lists ? _state.IptablesListing(table) ?? "" : "");
        }
        var json = rest.Contains("--json") || rest.Contains("-j");
        var listsRuleset = rest.Where(a => !a.StartsWith('-')).SequenceEqual(["list", "ruleset"]);
        // nft itself runs: a command it does not know prints its error to stderr, which cgi-io sends to /dev/null.
        if (!json || !listsRuleset) return (200, "OK", "");
        return (200, "OK", _state.NftRuleset().ToJsonString() + "\n");
    }

    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpRequest request, string[] names, CancellationToken token)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ContentType is not { } type || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) ||
            request.ContentLength is not (> 0 and < CgiPostLimit))
        {
            return fields;
        }
        var body = new byte[(int)request.ContentLength.Value];
        try
        {
            await request.Body.ReadExactlyAsync(body, token);
        }
        catch (EndOfStreamException)
        {
            return fields;
        }
        foreach (var pair in Encoding.Latin1.GetString(body).Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            var name = pair[..eq];
            if (names.Contains(name) && !fields.ContainsKey(name)) fields[name] = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return fields;
    }
}
