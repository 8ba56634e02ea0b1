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
        var server = FlaxServer.Create(options, store, master, sinks, builder => AddServices(builder.Services, sessions), logLevel);
        var loginRequired = dashboard.LoginRequired(options.Listen.Address);
        DashboardEndpoints.Map(server.App, store, dashboard, loginRequired, sessions);
        // Health details (appliance ids, counters, the store) are for those who may see the dashboard.
        server.ShowsHealthDetails = http => !loginRequired || http.User.Identity?.IsAuthenticated == true;
        return server;
    }

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private static void AddServices(IServiceCollection services, DashboardSessions sessions)
    {
        // Session and anti-forgery keys live in memory only: nothing to protect on disk, and a restart logs everyone out.
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
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
