using FlaxGuard.Engine.Verdicts;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>The page frame and the small pieces every page shares (badges, severities, ages).</summary>
public static class Layout
{
    public static SafeHtml Page(string title, SafeHtml body, SafeHtml logout) => H($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} - FlaxGuard</title><link rel="stylesheet" href="{DashboardAssets.StylesheetPath}"></head>
        <body><header><a href="/dashboard">FlaxGuard</a><span>{title}</span>{logout}</header>
        <main>{body}</main></body></html>
        """);

    public static SafeHtml Badge(PluginState state)
    {
        var name = StatusEvaluator.Name(state);
        return H($"<span class=\"badge badge-{name.ToLowerInvariant()}\" data-state=\"{name}\">{name}</span>");
    }

    public static SafeHtml SeverityLabel(Severity severity)
    {
        var name = severity.ToString().ToLowerInvariant();
        return H($"<span class=\"sev sev-{name}\">{name}</span>");
    }

    public static string Ago(long? unixSeconds, long now) => unixSeconds is { } t ? StatusEvaluator.Age(Math.Max(0, now - t)) + " ago" : "never";

    public static string Utc(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'");

    /// <summary>A POST form with its anti-forgery token; every state change goes through one of these.</summary>
    public static SafeHtml PostButton(string action, AntiforgeryField token, string label, string cssClass, string? name = null, string? value = null)
    {
        var field = name is null ? SafeHtml.Empty : H($"<input type=\"hidden\" name=\"{name}\" value=\"{value}\">");
        return H($"<form method=\"post\" action=\"{action}\">{token.Html}{field}<button type=\"submit\" class=\"{cssClass}\">{label}</button></form>");
    }
}

/// <summary>The hidden anti-forgery input of one response.</summary>
public sealed record AntiforgeryField(string Name, string Value)
{
    public SafeHtml Html => H($"<input type=\"hidden\" name=\"{Name}\" value=\"{Value}\">");
}
