using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// A twin of an OpenWrt 23.05 router's ubus endpoint (uhttpd-mod-ubus in front of rpcd), on loopback. It keeps to
/// what uhttpd's ubus.c and rpcd's session.c, uci.c, file.c and rc.c do: POST /ubus only (GET answers 404,
/// OPTIONS 200, other methods 400), bodies above 64 KiB and anything but a JSON-RPC 2.0 object or batch are
/// -32700 Parse error, unknown methods -32601, unknown objects -32000, calls the session may not make (or made
/// with an unknown or expired session) -32002 Access denied, a "ubus_rpc_session" argument -32602; the objects
/// answer "result": [status] or [0, {data}] with libubus status codes (2 invalid argument, 3 method not found,
/// 4 not found, 6 permission denied). Sessions expire 300 s after their last use on <see cref="Clock"/>.
/// Supported changes: see <see cref="SupportedChanges"/>; "socks" (no SOCKS service in stock OpenWrt) is not
/// supported. The persistence side (file.read/list, luci getProcessList, the overlay) is in OpenWrtTwinFiles.cs.
/// </summary>
public sealed partial class OpenWrtTwin : ILabTwin
{
    public const int MaxPostBytes = 65536;
    public const int SessionTimeoutSeconds = 300;
    private const string AnonymousSid = "00000000000000000000000000000000";

    private static readonly string[] Supported =
    [
        TwinChanges.NewAdmin, TwinChanges.SshKeyAdded, TwinChanges.DnsChanged, TwinChanges.WanAdmin, TwinChanges.TelnetEnabled,
        TwinChanges.PortForward, TwinChanges.FirmwareDowngrade, TwinChanges.FirmwareUnknown, TwinChanges.SchedulerFetch,
        TwinChanges.RcLocal, TwinChanges.RootAccount, TwinChanges.AccountPromotion, TwinChanges.HostsRedirect, TwinChanges.DnsmasqRedirect,
        TwinChanges.DnsmasqConf, TwinChanges.OverlayBinary, TwinChanges.TmpProcess, TwinChanges.DeletedProcess, TwinChanges.MaliciousPackage, TwinChanges.UciWireGuardPeer,
        TwinChanges.FirewallInclude, TwinChanges.InitScript, TwinChanges.UciTunnel, TwinChanges.RemoteLog,
        TwinChanges.FeedAdded, TwinChanges.FeedUnsigned, TwinChanges.KeepAcrossUpgrade, TwinChanges.ProfileFetch, TwinChanges.RootSshKey,
        TwinChanges.WebInterpreter, TwinChanges.SshPasswordOn, TwinChanges.StaticRoute, TwinChanges.NftAccept, TwinChanges.NftTable,
        TwinChanges.Reboot, TwinChanges.Counters, TwinChanges.Time, TwinChanges.Session, TwinChanges.DhcpLeases,
        TwinChanges.Reorder, TwinChanges.WhitespaceCase,
        TwinChanges.ProcessPids, TwinChanges.PackageOrder, TwinChanges.DhcpDnsRotation, TwinChanges.OverlayNoise, TwinChanges.FirewallReload,
    ];

    // A 21.02 router on firewall3: its own live firewall changes instead of nft's, and the changes that touch what fw3
    // builds its rules from (uci rules, redirects, zones), with the churn a reload and a reboot bring.
    private static readonly string[] Firewall3Supported =
    [
        TwinChanges.NewAdmin, TwinChanges.DnsChanged, TwinChanges.WanAdmin, TwinChanges.PortForward, TwinChanges.FirmwareDowngrade,
        TwinChanges.FirmwareUnknown, TwinChanges.SchedulerFetch, TwinChanges.TmpProcess, TwinChanges.FirewallInclude, TwinChanges.DnsmasqConf,
        TwinChanges.IptablesAccept, TwinChanges.IptablesRedirect, TwinChanges.IptablesDrop,
        TwinChanges.Reboot, TwinChanges.Counters, TwinChanges.Time, TwinChanges.Session, TwinChanges.Reorder, TwinChanges.WhitespaceCase,
        TwinChanges.FirewallReload,
    ];

    /// <summary>Every change this twin expresses (the same list as <see cref="SupportedChanges"/>, without starting one).</summary>
    public static IReadOnlyList<string> AllSupported => Supported;

    /// <summary>Every change a firewall3 (21.02) twin expresses.</summary>
    public static IReadOnlyList<string> AllSupportedOnFirewall3 => Firewall3Supported;

    private readonly object _gate = new();
    private readonly Dictionary<string, UbusSessionState> _sessions = new(StringComparer.Ordinal);
    private readonly string _user;
    private readonly string _password;
    private readonly DateTimeOffset _started;
    private WebApplication? _app;
    private OpenWrtTwinState _state;
    private int _logins;
    private int _requests;

    private OpenWrtTwin(string user, string password)
    {
        _user = user;
        _password = password;
        _state = OpenWrtTwinState.Factory(user, password);
        _started = Clock.Now;
    }

    public string Profile => "openwrt";

    public Uri BaseUri { get; private set; } = new("http://127.81.0.1/");

    public IReadOnlyList<string> SupportedChanges => _state.Firewall3 ? Firewall3Supported : Supported;

    /// <summary>The twin's own clock; session expiry follows it.</summary>
    public UbusClock Clock { get; } = new();

    /// <summary>How calls are answered; <see cref="UbusHostility.None"/> is the honest router.</summary>
    public UbusHostility Hostility { get; set; }

    /// <summary>Only calls to this ubus object are answered with <see cref="Hostility"/>; null means every object but "session".</summary>
    public string? HostileObject { get; set; }

    /// <summary>Successful session logins so far.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>HTTP requests to /ubus so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int Port => BaseUri.Port;

    public static Task<OpenWrtTwin> StartAsync(IPAddress address, int port, string user, string password, CancellationToken ct) =>
        StartAsync(address, port, user, password, firewall3: false, ct);

    /// <summary>As above; <paramref name="firewall3"/>: a stock OpenWrt 21.02 router (firewall3 on iptables, no nft).</summary>
    public static async Task<OpenWrtTwin> StartAsync(IPAddress address, int port, string user, string password, bool firewall3, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        var twin = new OpenWrtTwin(user, password);
        if (firewall3) twin._state.UseFirewall3();
        var app = LoopbackHost.Build(address, port, kestrel => kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(20));
        app.Run(twin.HandleAsync);
        await app.StartAsync(ct);
        twin._app = app;
        twin.BaseUri = LoopbackHost.BaseUri(address, LoopbackHost.BoundPort(app));
        return twin;
    }

    /// <summary>Changes the state directly (tests add logins or ACL groups this way).</summary>
    public void Mutate(Action<OpenWrtTwinState> change)
    {
        lock (_gate) change(_state);
    }

    public void Apply(string change)
    {
        lock (_gate)
        {
            var s = _state;
            switch (change)
            {
                case TwinChanges.NewAdmin:
                    s.AddLogin("support", "Lab-Intruder-2024", ["*"], ["*"]);
                    break;
                case TwinChanges.SshKeyAdded:
                    s.Files[OpenWrtTwinState.AuthorizedKeysPath] += OpenWrtTwinState.IntruderKey + "\n";
                    break;
                case TwinChanges.DnsChanged:
                    // Documentation addresses (RFC 5737): reported only, never contacted.
                    Section(s, "network", "wan").List("dns", "203.0.113.53");
                    s.Configs["dhcp"].First(x => x.Type == "dnsmasq").List("server", "203.0.113.53");
                    Section(s, "dhcp", "lan").List("dhcp_option", "6,203.0.113.53");
                    break;
                case TwinChanges.WanAdmin:
                    s.Configs["firewall"].Add(new UciSectionState(null, "rule").Set("name", "Allow-Remote-Admin").Set("src", "wan").Set("proto", "tcp")
                        .Set("dest_port", "22 443").Set("target", "ACCEPT"));
                    break;
                case TwinChanges.TelnetEnabled:
                    // Stock OpenWrt has no telnet; an implant drops an init script for busybox telnetd and enables it.
                    s.InitScripts.Add(new InitScript("telnet", 50, null, true, true));
                    break;
                case TwinChanges.PortForward:
                    s.Configs["firewall"].Add(new UciSectionState(null, "redirect").Set("name", "cam").Set("target", "DNAT").Set("src", "wan")
                        .Set("dest", "lan").Set("proto", "tcp").Set("src_dport", "2323").Set("dest_ip", "192.168.1.23").Set("dest_port", "23"));
                    break;
                case TwinChanges.FirmwareDowngrade when s.Firewall3:
                    s.Version = "21.02.3";
                    s.Revision = "r16554-1d4dea6d4f";
                    s.Kernel = "5.4.188";
                    break;
                case TwinChanges.FirmwareDowngrade:
                    s.Version = "22.03.5";
                    s.Revision = "r20134-5f15225c1e";
                    s.Kernel = "5.10.176";
                    break;
                case TwinChanges.FirmwareUnknown:
                    s.Revision = "r24106-4f7c2a91be";
                    break;
                case TwinChanges.Reboot:
                    s.BootUptimeBase = 37 - (long)(Clock.Now - _started).TotalSeconds;
                    s.MemoryFree = 401_112_064;
                    s.RxBytes = 18_233;
                    s.TxBytes = 9_871;
                    s.Leases.Clear();
                    _sessions.Clear();
                    // Every daemon starts again with another pid; the firewall loads again with new handles and zeroed counters.
                    ShiftPids(s, 311);
                    s.NftHandleBase += 311;
                    s.NftPackets = 17;
                    break;
                case TwinChanges.Counters:
                    s.NftPackets += 48_112;
                    s.RxBytes += 1_234_567_890;
                    s.TxBytes += 98_765_432;
                    s.MemoryFree -= 12_345_678;
                    break;
                case TwinChanges.Time:
                    s.ClockOffsetSeconds += 37 * 86_400 + 3_601;
                    break;
                case TwinChanges.Session:
                    _sessions.Clear();
                    break;
                case TwinChanges.DhcpLeases:
                    s.Leases.Add(("de:ad:be:ef:00:01", "192.168.1.201", "printer", 43_199));
                    if (s.Leases.Count > 1) s.Leases.RemoveAt(0);
                    break;
                case TwinChanges.Reorder:
                    s.Reordered = true;
                    break;
                case TwinChanges.WhitespaceCase:
                    s.Respelled = true;
                    break;
                default:
                    if (ApplyPersistence(s, change)) break;
                    throw new NotSupportedException($"the OpenWrt twin cannot express \"{change}\" (supported: {string.Join(", ", Supported)})");
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            var firewall3 = _state.Firewall3;
            _state = OpenWrtTwinState.Factory(_user, _password);
            if (firewall3) _state.UseFirewall3();
            _sessions.Clear();
        }
    }

    private static UciSectionState Section(OpenWrtTwinState s, string config, string name) => s.Configs[config].First(x => x.Name == name);

    // ---- HTTP (uhttpd) ----

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Path.Value == CgiDownloadPath)
        {
            await HandleCgiDownloadAsync(context);
            return;
        }
        if (request.Path.Value == CgiExecPath)
        {
            await HandleCgiExecAsync(context);
            return;
        }
        if (request.Path.Value is not ("/ubus" or "/ubus/"))
        {
            response.StatusCode = 404;
            return;
        }
        Interlocked.Increment(ref _requests);
        if (HttpMethods.IsOptions(request.Method))
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength = 0;
            return;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            // uhttpd serves GET only for /ubus/list and /ubus/subscribe/...; plain /ubus is 404.
            response.StatusCode = 404;
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = 400;
            response.ContentType = "text/html";
            await response.WriteAsync("<h1>Bad Request</h1>Invalid Request", context.RequestAborted);
            return;
        }

        var body = await ReadBoundedAsync(request.Body, context.RequestAborted);
        if (body is null)
        {
            response.Headers.Connection = "close";
            await WriteJsonAsync(response, ErrorEnvelope(null, -32700, "Parse error").ToJsonString(), context.RequestAborted);
            return;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            root = null;
        }
        switch (root)
        {
            case JsonObject single:
                await AnswerAsync(context, single);
                break;
            case JsonArray batch:
                var answers = new JsonArray();
                foreach (var item in batch)
                {
                    answers.Add(item is JsonObject o ? Dispatch(o, out _) : ErrorEnvelope(null, -32700, "Parse error"));
                }
                await WriteJsonAsync(response, answers.ToJsonString(), context.RequestAborted);
                break;
            default:
                await WriteJsonAsync(response, ErrorEnvelope(null, -32700, "Parse error").ToJsonString(), context.RequestAborted);
                break;
        }
    }

    private async Task AnswerAsync(HttpContext context, JsonObject call)
    {
        var answer = Dispatch(call, out var ubusObject);
        var hostile = Hostility != UbusHostility.None && ubusObject is not null &&
                      (HostileObject is null ? ubusObject != "session" : ubusObject == HostileObject);
        var token = context.RequestAborted;
        if (!hostile)
        {
            await WriteJsonAsync(context.Response, answer.ToJsonString(), token);
            return;
        }
        var id = answer["id"]?.ToJsonString() ?? "null";
        switch (Hostility)
        {
            case UbusHostility.TruncatedJson:
                var text = answer.ToJsonString();
                await WriteJsonAsync(context.Response, text[..(text.Length / 2)], token);
                break;
            case UbusHostility.OversizedBody:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[0,{{\"values\":{{\"pad\":\"", token);
                var block = new string('A', 64 * 1024);
                for (var i = 0; i < 16 && !token.IsCancellationRequested; i++) await context.Response.WriteAsync(block, token);
                await context.Response.WriteAsync("\"}}]}", token);
                break;
            case UbusHostility.StringForObject:
                await WriteJsonAsync(context.Response, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[0,\"values\"]}}", token);
                break;
            case UbusHostility.NumberForArray:
                await WriteJsonAsync(context.Response, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":0}}", token);
                break;
            case UbusHostility.NumberForText:
                if (answer["result"] is JsonArray { Count: 2 } r && r[1]?["values"] is JsonObject values &&
                    values.Select(v => v.Value).OfType<JsonObject>().FirstOrDefault() is { } section &&
                    section.FirstOrDefault(o => !o.Key.StartsWith('.') && o.Value is JsonValue) is { Key: not null } option)
                {
                    section[option.Key] = 443;
                }
                await WriteJsonAsync(context.Response, answer.ToJsonString(), token);
                break;
            case UbusHostility.DeeplyNested:
                var depth = 30_000;
                var nested = new StringBuilder(depth * 2 + 100);
                nested.Append($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[0,{{\"values\":");
                nested.Append('[', depth).Append(']', depth).Append("}]}");
                await WriteJsonAsync(context.Response, nested.ToString(), token);
                break;
            case UbusHostility.WrongId:
                answer["id"] = (answer["id"]?.GetValueKind() == JsonValueKind.Number ? answer["id"]!.GetValue<long>() : 0) + 1000;
                await WriteJsonAsync(context.Response, answer.ToJsonString(), token);
                break;
            case UbusHostility.HtmlContentType:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(answer.ToJsonString(), token);
                break;
            case UbusHostility.Stall:
                try { await Task.Delay(TimeSpan.FromSeconds(30), token); }
                catch (OperationCanceledException) { }
                break;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken token)
    {
        var buffer = new byte[MaxPostBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(total), token);
            if (n == 0) return buffer[..total];
            total += n;
        }
        return null;
    }

    private static Task WriteJsonAsync(HttpResponse response, string json, CancellationToken token)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        return response.WriteAsync(json, token);
    }

    // ---- JSON-RPC (uhttpd ubus.c) ----

    private static JsonObject Envelope(JsonNode? id) => new() { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone() };

    private static JsonObject ErrorEnvelope(JsonNode? id, int code, string message)
    {
        var e = Envelope(id);
        e["error"] = new JsonObject { ["code"] = code, ["message"] = message };
        return e;
    }

    private JsonObject Dispatch(JsonObject call, out string? ubusObject)
    {
        ubusObject = null;
        var id = call["id"];
        if (!IsString(call["jsonrpc"], out var version) || version != "2.0" || !IsString(call["method"], out var method))
        {
            return ErrorEnvelope(id, -32700, "Parse error");
        }
        if (method == "list")
        {
            var list = Envelope(id);
            list["result"] = new JsonArray("session", "system", "uci", "file", "rc", "network.device", "network.interface", "luci-rpc", "luci");
            return list;
        }
        if (method != "call") return ErrorEnvelope(id, -32601, "Method not found");
        if (call["params"] is not JsonArray p || p.Count < 4 ||
            !IsString(p[0], out var sid) || !IsString(p[1], out var obj) || !IsString(p[2], out var function) || p[3] is not JsonObject args)
        {
            return ErrorEnvelope(id, -32700, "Parse error");
        }
        ubusObject = obj;
        if (!KnownObject(obj)) return ErrorEnvelope(id, -32000, "Object not found");
        int status;
        JsonObject? data;
        lock (_gate)
        {
            var session = LiveSession(sid);
            if (session is null || !session.Allowed("ubus", obj, function)) return ErrorEnvelope(id, -32002, "Access denied");
            if (args.ContainsKey("ubus_rpc_session")) return ErrorEnvelope(id, -32602, "Invalid parameters");
            (status, data) = Invoke(session, obj, function, args);
        }
        var reply = Envelope(id);
        var result = new JsonArray(status);
        if (data is not null) result.Add(data);
        reply["result"] = result;
        return reply;
    }

    private static bool IsString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        return false;
    }

    private static bool KnownObject(string obj) => obj is "session" or "system" or "uci" or "file" or "rc" or "network.device" or "network.interface" or "luci-rpc" or "luci";

    /// <summary>rpcd's rpc_session_get: finds the session and, when found, restarts its timeout.</summary>
    private UbusSessionState? LiveSession(string sid)
    {
        if (sid == AnonymousSid) return Anonymous();
        if (!_sessions.TryGetValue(sid, out var session)) return null;
        if (Clock.Now >= session.ExpiresAt)
        {
            _sessions.Remove(sid);
            return null;
        }
        session.ExpiresAt = Clock.Now.AddSeconds(session.TimeoutSeconds);
        return session;
    }

    private UbusSessionState Anonymous()
    {
        var session = new UbusSessionState(AnonymousSid, "", 0) { ExpiresAt = DateTimeOffset.MaxValue };
        GrantGroups(session, null);
        return session;
    }

    /// <summary>rpcd's rpc_login_setup_acls: every group the login's read/write lists match (write implies read).</summary>
    private void GrantGroups(UbusSessionState session, UciSectionState? login)
    {
        foreach (var group in _state.AclGroups.Values)
        {
            var permitted = login is null
                ? group.Name == "unauthenticated"
                : ListMatches(login, "read", group.Name) || ListMatches(login, "write", group.Name);
            if (!permitted) continue;
            foreach (var (obj, functions) in group.Ubus)
                foreach (var f in functions) session.Grant("ubus", obj, f);
            foreach (var config in group.UciConfigs) session.Grant("uci", config, "read");
            foreach (var file in group.Files) session.Grant("file", file, "read");
            foreach (var function in group.CgiIo ?? []) session.Grant("cgi-io", function, "read");
            foreach (var folder in group.FileLists ?? []) session.Grant("file", folder, "list");
            foreach (var command in group.FileExecs ?? []) session.Grant("file", command, "exec");
            session.Grant("access-group", group.Name, "read");
        }
    }

    private static bool ListMatches(UciSectionState login, string option, string group) =>
        login.Get(option) is List<string> patterns && patterns.Any(pattern => FnMatch.Matches(pattern, group));

    // ---- ubus objects (rpcd, procd) ----

    private (int Status, JsonObject? Data) Invoke(UbusSessionState session, string obj, string function, JsonObject args)
    {
        return (obj, function) switch
        {
            ("session", "login") => Login(args),
            ("session", "destroy") => Destroy(session, args),
            ("system", "board") => (0, Board()),
            ("system", "info") => (0, Info()),
            ("uci", "get") => UciGet(session, args),
            ("uci", "configs") => (0, new JsonObject { ["configs"] = new JsonArray(_state.Configs.Keys.Select(k => (JsonNode)k).ToArray()) }),
            ("file", "read") => FileRead(session, args),
            ("file", "list") => FileList(session, args),
            ("luci", "getProcessList") => (0, ProcessList()),
            ("network.interface", "dump") => (0, InterfaceDump()),
            ("rc", "list") => (0, RcList(args)),
            ("network.device", "status") => (0, DeviceStatus()),
            ("luci-rpc", "getDHCPLeases") => (0, Leases()),
            _ => (3, null),
        };
    }

    private (int, JsonObject?) Login(JsonObject args)
    {
        if (!IsString(args["username"], out var user) || !IsString(args["password"], out var password)) return (2, null);
        var login = _state.Configs.GetValueOrDefault("rpcd", []).FirstOrDefault(s => s.Type == "login" && s.Get("username") as string == user &&
                                                              _state.Passwords.TryGetValue(user, out var expected) && expected == password);
        if (login is null) return (6, null);
        var timeout = args["timeout"] is JsonValue t && t.GetValueKind() == JsonValueKind.Number ? t.GetValue<int>() : SessionTimeoutSeconds;
        var session = new UbusSessionState(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), user, timeout)
        {
            ExpiresAt = Clock.Now.AddSeconds(timeout),
        };
        GrantGroups(session, login);
        _sessions[session.Id] = session;
        Interlocked.Increment(ref _logins);
        var acls = new JsonObject();
        foreach (var (scope, objects) in session.Acls.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var table = new JsonObject();
            foreach (var (o, functions) in objects.OrderBy(a => a.Key, StringComparer.Ordinal))
                table[o] = new JsonArray(functions.Select(f => (JsonNode)f).ToArray());
            acls[scope] = table;
        }
        return (0, new JsonObject
        {
            ["ubus_rpc_session"] = session.Id,
            ["timeout"] = timeout,
            ["expires"] = timeout,
            ["acls"] = acls,
            ["data"] = new JsonObject { ["username"] = user },
        });
    }

    private (int, JsonObject?) Destroy(UbusSessionState session, JsonObject args)
    {
        if (!IsString(args["sid"], out var sid)) return (2, null);
        if (sid == AnonymousSid) return (6, null);
        return _sessions.Remove(sid) ? (0, null) : (4, null);
    }

    private JsonObject Board() => new()
    {
        ["kernel"] = _state.Kernel,
        ["hostname"] = _state.Configs["system"].First(s => s.Type == "system").Get("hostname") as string ?? "OpenWrt",
        ["system"] = "ARMv8 Processor rev 4",
        ["model"] = _state.Model,
        ["board_name"] = _state.BoardName,
        ["rootfs_type"] = "squashfs",
        ["release"] = new JsonObject
        {
            ["distribution"] = _state.Distribution,
            ["version"] = _state.Version,
            ["revision"] = _state.Revision,
            ["target"] = _state.Target,
            ["description"] = $"{_state.Distribution} {_state.Version} {_state.Revision}",
        },
    };

    private JsonObject Info()
    {
        var elapsed = (long)(Clock.Now - _started).TotalSeconds;
        return new JsonObject
        {
            ["localtime"] = Clock.Now.ToUnixTimeSeconds() + _state.ClockOffsetSeconds,
            ["uptime"] = _state.BootUptimeBase + elapsed,
            ["load"] = new JsonArray(12_000 + elapsed % 997, 9_500, 8_000),
            ["memory"] = new JsonObject
            {
                ["total"] = 508_000_256, ["free"] = _state.MemoryFree, ["shared"] = 1_200_128, ["buffered"] = 0,
                ["available"] = _state.MemoryFree + 20_000_000, ["cached"] = 30_111_744,
            },
            ["root"] = new JsonObject { ["total"] = 98_304, ["free"] = 91_204, ["used"] = 7_100, ["avail"] = 91_204 },
            ["tmp"] = new JsonObject { ["total"] = 248_048, ["free"] = 247_632, ["used"] = 416, ["avail"] = 247_632 },
            ["swap"] = new JsonObject { ["total"] = 0, ["free"] = 0 },
        };
    }

    private (int, JsonObject?) UciGet(UbusSessionState session, JsonObject args)
    {
        if (!IsString(args["config"], out var config)) return (2, null);
        if (!session.Allowed("uci", config, "read")) return (6, null);
        if (!_state.Configs.TryGetValue(config, out var sections)) return (4, null);
        var ordered = _state.Reordered ? Enumerable.Reverse(sections).ToList() : sections;
        var values = new JsonObject();
        for (var i = 0; i < ordered.Count; i++)
        {
            var name = SectionName(ordered[i], i);
            values[name] = DumpSection(config, ordered[i], name, i);
        }
        if (IsString(args["section"], out var wanted))
        {
            if (values[wanted] is not JsonObject one) return (4, null);
            values.Remove(wanted);
            one.Remove(".index");
            if (IsString(args["option"], out var option))
            {
                if (one[option] is not { } value) return (4, null);
                one.Remove(option);
                return (0, new JsonObject { ["value"] = value });
            }
            return (0, new JsonObject { ["values"] = one });
        }
        return (0, new JsonObject { ["values"] = values });
    }

    /// <summary>libuci names anonymous sections "cfg" + position + a hash of the type, so a reorder renames them.</summary>
    private static string SectionName(UciSectionState s, int index)
    {
        if (s.Name is not null) return s.Name;
        var hash = 0;
        foreach (var c in s.Type) hash = (hash * 31 + c) & 0xFFFF;
        return $"cfg{index + 1:x2}{hash:x4}";
    }

    private JsonObject DumpSection(string config, UciSectionState s, string name, int index)
    {
        var o = new JsonObject { [".anonymous"] = s.Name is null, [".type"] = s.Type, [".name"] = name, [".index"] = index };
        var options = _state.Reordered ? Enumerable.Reverse(s.Options) : s.Options;
        foreach (var (option, value) in options)
        {
            if (value is List<string> list)
            {
                var items = _state.Reordered ? Enumerable.Reverse(list).ToList() : list;
                if (_state.Respelled && config == "network" && option == "dns")
                {
                    // netifd takes a list option also as one blank-separated string.
                    o[option] = "  " + string.Join("   ", items.Select(x => x.ToUpperInvariant())) + " ";
                    continue;
                }
                o[option] = new JsonArray(items.Select(x => (JsonNode)Respell(config, option, x)).ToArray());
            }
            else
            {
                o[option] = Respell(config, option, (string)value);
            }
        }
        return o;
    }

    /// <summary>The same setting as OpenWrt also accepts it: other boolean words, other case where the reader folds case.</summary>
    private string Respell(string config, string option, string value)
    {
        if (!_state.Respelled) return value;
        if (value == "1") return "yes";
        if (value == "0") return "off";
        if (value == "on") return "True";
        if (config == "firewall" && option is "input" or "output" or "forward" or "target") return value.ToLowerInvariant();
        if (config == "firewall" && option == "proto") return value.ToUpperInvariant();
        if (config == "system" && option is "hostname" or "server") return value.ToUpperInvariant();
        if (config == "dhcp" && option == "server") return value.ToUpperInvariant();
        return value;
    }

    private (int, JsonObject?) FileRead(UbusSessionState session, JsonObject args)
    {
        if (!IsString(args["path"], out var path)) return (2, null);
        if (!session.Allowed("file", path, "read")) return (6, null);
        if (path == OpenWrtTwinState.LeasesPath) return (0, new JsonObject { ["data"] = LeasesFile() });
        if (path == TwinFlash.ProcMtdPath) return _state.Flash.ProcMtd() is { } mtd ? (0, new JsonObject { ["data"] = mtd }) : (4, null);
        if (!_state.Files.TryGetValue(path, out var text)) return (4, null);
        // rpcd file.c: a file of RPC_FILE_MAX_SIZE (256 KiB) or more is UBUS_STATUS_NOT_SUPPORTED; read() of 0 bytes is NO_DATA.
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes >= 4096 * 64) return (8, null);
        if (bytes == 0) return (5, null);
        return (0, new JsonObject { ["data"] = text });
    }

    private JsonObject RcList(JsonObject args)
    {
        IsString(args["name"], out var only);
        var scripts = _state.Reordered ? Enumerable.Reverse(_state.InitScripts) : _state.InitScripts;
        var o = new JsonObject();
        foreach (var script in scripts)
        {
            if (only.Length > 0 && script.Name != only) continue;
            var entry = new JsonObject { ["start"] = script.Start };
            if (script.Stop is { } stop) entry["stop"] = stop;
            entry["enabled"] = script.Enabled;
            entry["running"] = script.Running;
            o[script.Name] = entry;
        }
        return o;
    }

    private JsonObject DeviceStatus() => new()
    {
        ["wan"] = new JsonObject
        {
            ["up"] = true,
            ["statistics"] = new JsonObject { ["rx_bytes"] = _state.RxBytes, ["tx_bytes"] = _state.TxBytes, ["rx_packets"] = _state.RxBytes / 900, ["tx_packets"] = _state.TxBytes / 700 },
        },
    };

    private JsonObject Leases() => new()
    {
        ["dhcp_leases"] = new JsonArray(_state.Leases.Select(l => (JsonNode)new JsonObject
        {
            ["expires"] = l.Expires, ["hostname"] = l.Host, ["macaddr"] = l.Mac, ["ipaddr"] = l.Address,
        }).ToArray()),
        ["dhcp6_leases"] = new JsonArray(),
    };

    private string LeasesFile() =>
        string.Concat(_state.Leases.Select(l => $"{Clock.Now.ToUnixTimeSeconds() + l.Expires} {l.Mac} {l.Address} {l.Host} 01:{l.Mac}\n"));

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
