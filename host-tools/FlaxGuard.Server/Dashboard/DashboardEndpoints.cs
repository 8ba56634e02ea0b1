using System.Security.Claims;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// The dashboard's routes under /dashboard. Reads are GETs and change nothing; every change is a POST that must carry
/// the anti-forgery token of a page this server rendered (400 and no change otherwise), and is followed by a redirect.
/// </summary>
public sealed class DashboardEndpoints
{
    public const string Root = "/dashboard";

    // No inline script or style, nothing from elsewhere, no framing; forms may post only back here.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["approved"] = "Baseline approved. Reports from now on are compared with it; the badge follows the next report.",
        ["rejected"] = "Proposal rejected. The next fully verified report proposes a baseline again.",
        ["enrolled"] = "Device enrolled. Its appliance checks it from its next round; the first fully verified report proposes a baseline.",
        ["nothing"] = "Nothing to do: there is no proposal pending, or no fully verified report to approve.",
    };

    private readonly IFlaxStore _store;
    private readonly MasterKey _master;
    private readonly DashboardOptions _options;
    private readonly bool _loginRequired;
    private readonly DashboardSessions _sessions;
    private readonly LoginThrottle _throttle = new();
    private readonly ILogger _log;

    private DashboardEndpoints(IFlaxStore store, MasterKey master, DashboardOptions options, bool loginRequired, DashboardSessions sessions, ILogger log)
    {
        _store = store;
        _master = master;
        _options = options;
        _loginRequired = loginRequired;
        _sessions = sessions;
        _log = log;
    }

    public static void Map(WebApplication app, IFlaxStore store, MasterKey master, DashboardOptions options, bool loginRequired, DashboardSessions sessions)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("flaxguard.dashboard");
        var d = new DashboardEndpoints(store, master, options, loginRequired, sessions, log);
        app.Use(SecurityHeaders);
        app.MapGet("/", () => Results.Redirect(Root));
        app.MapGet(DashboardAssets.StylesheetPath, () => Results.Text(DashboardAssets.Stylesheet, "text/css; charset=utf-8"));
        app.MapGet(Root + "/login", d.LoginForm);
        app.MapPost(Root + "/login", d.Login);
        app.MapPost(Root + "/logout", (Delegate)d.Logout); // a cast, or it binds as a RequestDelegate and drops the result
        var pages = app.MapGroup(Root).AddEndpointFilter(d.RequireLogin);
        pages.MapGet("", d.Overview);
        pages.MapGet("/device/{id}", d.Device);
        pages.MapPost("/device/{id}/approve", d.Approve);
        pages.MapPost("/device/{id}/reject", d.Reject);
        pages.MapGet("/found/{id:long}", d.Found);
        pages.MapPost("/found/{id:long}/enrol", d.Enrol);
    }

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        // Over TLS, tell browsers to come back only over TLS (a year); nothing to say over --plain-http.
        if (http.Request.IsHttps) http.Response.Headers.StrictTransportSecurity = "max-age=31536000";
        if (http.Request.Path.StartsWithSegments(Root) || http.Request.Path == "/")
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h.CacheControl = "no-store";
        }
        return next();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private bool LoggedIn(HttpContext http) => http.User.Identity?.IsAuthenticated == true;

    private async ValueTask<object?> RequireLogin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!_loginRequired || LoggedIn(http)) return await next(context);
        return HttpMethods.IsGet(http.Request.Method)
            ? Results.Redirect(Root + "/login")
            : Results.Text("log in to the dashboard first", "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static AntiforgeryField Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    /// <summary>Null when the POST carries a valid token; otherwise the 400 to return (nothing has been changed).</summary>
    private static async Task<IResult?> RefuseForgery(HttpContext http)
    {
        if (await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)) return null;
        return Results.Text("refused: the form's anti-forgery token is missing or wrong; reload the page and try again",
            "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    private IResult Page(HttpContext http, string title, SafeHtml body, int status = StatusCodes.Status200OK)
    {
        var logout = _loginRequired && LoggedIn(http)
            ? Layout.PostButton(Root + "/logout", Token(http), "Log out", "logout")
            : SafeHtml.Empty;
        return Results.Text(Layout.Page(title, body, logout).Value, "text/html; charset=utf-8", statusCode: status);
    }

    // ---- pages

    private async Task<IResult> Overview(HttpContext http, CancellationToken ct)
    {
        var now = Now();
        var summary = await StatusEvaluator.EvaluateAsync(_store, now, ct);
        var appliances = await _store.ListAppliancesAsync(ct);
        var found = await _store.ListLanDevicesAsync(null, ct);
        return Page(http, "Overview", H($"{OverviewPage.Render(summary, appliances, now)}{FoundPage.Section(found, appliances, now)}"));
    }

    private async Task<IResult> Device(HttpContext http, string id, string? done, CancellationToken ct)
    {
        var view = await LoadDevice(id, ct);
        if (view is null) return Page(http, "Not found", H($"<h1>No such device</h1><p><a href=\"{Root}\">Back to the overview</a></p>"), StatusCodes.Status404NotFound);
        var message = done is not null && Messages.TryGetValue(done, out var text) ? text : null;
        return Page(http, view.Device.Name, DevicePage.Render(view, Token(http), message, Now()));
    }

    private async Task<DeviceView?> LoadDevice(string id, CancellationToken ct)
    {
        var device = await _store.FindDeviceAsync(id, ct);
        if (device is null || device.Id != id) return null;
        var appliance = await _store.FindApplianceAsync(device.ApplianceId, ct);
        if (appliance is null) return null;
        var summary = await StatusEvaluator.EvaluateAsync(_store, Now(), ct);
        var status = summary.Devices.First(s => s.DeviceId == device.Id);
        return new DeviceView(device, appliance, status,
            await _store.LatestResultAsync(device.Id, ct),
            await _store.LatestBaselineAsync(device.Id, BaselineState.Approved, ct),
            await _store.LatestBaselineAsync(device.Id, BaselineState.Proposed, ct),
            await _store.ResultHistoryAsync(device.Id, _options.TimelineResults, ct));
    }

    // ---- baseline decisions (POST + anti-forgery token)

    private async Task<IResult> Approve(HttpContext http, string id, CancellationToken ct)
    {
        if (await RefuseForgery(http) is { } refused) return refused;
        var device = await _store.FindDeviceAsync(id, ct);
        if (device is null || device.Id != id) return Results.NotFound();
        var form = await http.Request.ReadFormAsync(ct);
        var fromLatest = form["source"].ToString() == "latest";
        var approved = await _store.ApproveBaselineAsync(device.Id, fromLatest, Now(), ct);
        return Results.Redirect($"{Root}/device/{Segment(device.Id)}?done={(approved is null ? "nothing" : "approved")}");
    }

    private async Task<IResult> Reject(HttpContext http, string id, CancellationToken ct)
    {
        if (await RefuseForgery(http) is { } refused) return refused;
        var device = await _store.FindDeviceAsync(id, ct);
        if (device is null || device.Id != id) return Results.NotFound();
        var rejected = await _store.RejectBaselineAsync(device.Id, Now(), ct);
        return Results.Redirect($"{Root}/device/{Segment(device.Id)}?done={(rejected is null ? "nothing" : "rejected")}");
    }

    // ---- enrolment of a found device (POST + anti-forgery token)

    private async Task<IResult> Found(HttpContext http, long id, CancellationToken ct)
    {
        var found = await _store.FindLanDeviceAsync(id, ct);
        if (found is null) return NotFound(http, "No such device in the inventory");
        if (found.EnrolledDeviceId is { } deviceId) return Results.Redirect($"{Root}/device/{Segment(deviceId)}");
        var appliance = await _store.FindApplianceAsync(found.ApplianceId, ct);
        return Page(http, "Enrol " + found.Address, FoundPage.EnrolForm(found, appliance?.Name ?? found.ApplianceId, Token(http), null, null));
    }

    private async Task<IResult> Enrol(HttpContext http, long id, CancellationToken ct)
    {
        if (await RefuseForgery(http) is { } refused) return refused;
        var found = await _store.FindLanDeviceAsync(id, ct);
        if (found is null) return NotFound(http, "No such device in the inventory");
        if (found.EnrolledDeviceId is { } already) return Results.Redirect($"{Root}/device/{Segment(already)}");
        var form = await http.Request.ReadFormAsync(ct);
        var input = new FoundPage.EnrolInput(form["name"].ToString().Trim(), form["profile"].ToString().Trim(), form["user"].ToString().Trim());
        var password = form["password"].ToString();
        var problem = EnrolProblem(input, password);
        var appliance = await _store.FindApplianceAsync(found.ApplianceId, ct);
        if (problem is null && appliance is not null)
        {
            try
            {
                var device = await Enrollment.AddDeviceAsync(_store, _master, input.Name, found.ApplianceId, found.Address, input.Profile, "",
                    input.User.Length == 0 ? null : input.User, password.Length == 0 ? null : password, Now(), ct);
                // Who and what, never the login.
                _log.LogInformation("dashboard: enrolled {Address} from the LAN inventory as device {Device} ({Profile})", found.Address, device.Id, device.Profile);
                return Results.Redirect($"{Root}/device/{Segment(device.Id)}?done=enrolled");
            }
            catch (StoreException e)
            {
                problem = e.Message;
            }
        }
        problem ??= "its appliance was removed meanwhile";
        // The form again with what was typed, except the password.
        return Page(http, "Enrol " + found.Address, FoundPage.EnrolForm(found, appliance?.Name ?? found.ApplianceId, Token(http), input, "Not enrolled: " + problem + "."),
            StatusCodes.Status400BadRequest);
    }

    /// <summary>What is wrong with the form, in words (the CLI's rules: a known profile, a login where the profile logs in), or null.</summary>
    private static string? EnrolProblem(FoundPage.EnrolInput input, string password)
    {
        if (input.Name.Length == 0) return "give the device a name";
        if (!Engine.Probes.Profiles.ProbeProfiles.Names.Contains(input.Profile)) return "choose one of the profiles";
        if (input.User.Length > 128 || System.Text.Encoding.UTF8.GetByteCount(password) > Engine.Jobs.JobLimits.MaxCredentialBytes) return "the user name or password is too long";
        if (password.Length > 0 && input.User.Length == 0) return "a password needs an admin user";
        if (Engine.Probes.Profiles.ProbeProfiles.NeedsCredentials(input.Profile) && (input.User.Length == 0 || password.Length == 0))
            return $"profile '{input.Profile}' logs in to the device's admin interface: give its admin user and password (a read-only account is enough), or choose the web profile";
        return null;
    }

    private IResult NotFound(HttpContext http, string what) =>
        Page(http, "Not found", H($"<h1>{what}</h1><p><a href=\"{Root}\">Back to the overview</a></p>"), StatusCodes.Status404NotFound);

    // ---- login

    private IResult LoginForm(HttpContext http)
    {
        if (!_loginRequired || LoggedIn(http)) return Results.Redirect(Root);
        return Page(http, "Log in", LoginPage.Render(Token(http), DashboardPassword.IsSet(_options.PasswordFile), null));
    }

    private async Task<IResult> Login(HttpContext http, CancellationToken ct)
    {
        if (await RefuseForgery(http) is { } refused) return refused;
        if (!_loginRequired) return Results.Redirect(Root);
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown client";
        var set = DashboardPassword.IsSet(_options.PasswordFile);
        if (_throttle.Blocked(client) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page(http, "Log in", LoginPage.Render(Token(http), set, $"Too many wrong passwords from your address; try again in {seconds} s."), StatusCodes.Status429TooManyRequests);
        }
        var form = await http.Request.ReadFormAsync(ct);
        var password = form["password"].ToString();
        if (!set || password.Length == 0 || password.Length > 1024 || !await DashboardPassword.VerifyAsync(_options.PasswordFile, password, ct))
        {
            var failures = _throttle.Failed(client);
            // Never the password tried: only who, and how many times.
            _log.LogWarning("dashboard login failed from {Client} ({Failures} of {Max} allowed in {Minutes} min)", client, failures, LoginThrottle.MaxFailures, (int)LoginThrottle.Window.TotalMinutes);
            return Page(http, "Log in", LoginPage.Render(Token(http), set, "Wrong password."), StatusCodes.Status401Unauthorized);
        }
        _throttle.Succeeded(client);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner"), .. _sessions.Open()], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(Root);
    }

    private async Task<IResult> Logout(HttpContext http)
    {
        if (await RefuseForgery(http) is { } refused) return refused;
        _sessions.End(http.User); // the cookie may have been copied: it must not log anyone in again
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(Root + "/login");
    }
}
