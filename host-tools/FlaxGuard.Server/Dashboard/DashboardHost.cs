using FlaxGuard.Server.Api;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Dashboard;

/// <summary>The collector with the dashboard on the same listener: what <c>flaxguard serve</c> runs.</summary>
public static class DashboardHost
{
    public const string SessionCookie = "flaxguard-session";
    public const string AntiforgeryCookie = "flaxguard-csrf";
    public const string AntiforgeryField = "__csrf";

    public static FlaxServer Create(ServerOptions options, IFlaxStore store, MasterKey master, DashboardOptions dashboard,
        IEnumerable<IFindingSink>? sinks = null, LogLevel logLevel = LogLevel.Warning)
    {
        var sessions = new DashboardSessions(dashboard.PasswordFile, SessionLifetime);
        var server = FlaxServer.Create(options, store, master, sinks, builder =>
        {
            AddServices(builder.Services, dashboard, sessions);
            // A start-up failure (a busy port) is thrown to the caller, who says it in one line; the host's own log of it is a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            // The keys are in the private data directory (mode 0700, like master.key); the "unencrypted at rest" notice is expected.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        }, logLevel);
        var loginRequired = dashboard.LoginRequired(options.Listen.Address);
        DashboardEndpoints.Map(server.App, store, master, dashboard, loginRequired, sessions);
        // Health details (appliance ids, counters, the store) are for those who may see the dashboard.
        server.ShowsHealthDetails = http => !loginRequired || http.User.Identity?.IsAuthenticated == true;
        return server;
    }

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private static void AddServices(IServiceCollection services, DashboardOptions dashboard, DashboardSessions sessions)
    {
        // Session and anti-forgery keys: without this, ASP.NET keeps them in ~/.aspnet/DataProtection-Keys (and creates
        // them there at start-up). They belong in the data directory, private like master.key.
        var keys = Directory.CreateDirectory(dashboard.KeysDirectory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().SetApplicationName("flaxguard-dashboard").PersistKeysToFileSystem(keys);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over TLS
            o.ExpireTimeSpan = SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = DashboardEndpoints.Root + "/login";
            // A cookie of a session that was logged out, or opened under an old password, no longer logs anyone in.
            o.Events.OnValidatePrincipal = async context =>
            {
                if (sessions.IsValid(context.Principal)) return;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = AntiforgeryField;
        });
    }
}
