using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>Writes the hostile answers of <see cref="HikvisionHostility"/>; every one ends within 30 seconds.</summary>
internal static class HikvisionHostileAnswers
{
    private const string Prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public static async Task WriteAsync(HttpContext context, HikvisionHostility hostility, string realDocument)
    {
        var response = context.Response;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var token = limit.Token;
        try
        {
            switch (hostility)
            {
                case HikvisionHostility.TruncatedXml:
                    await SendAsync(response, "application/xml", realDocument[..(realDocument.Length / 2)], token);
                    break;
                case HikvisionHostility.CutConnection:
                    response.StatusCode = 200;
                    response.ContentType = "application/xml";
                    response.ContentLength = 10_000;
                    await response.Body.WriteAsync(Encoding.UTF8.GetBytes(realDocument[..(realDocument.Length / 3)]), token);
                    await response.Body.FlushAsync(token);
                    context.Abort();
                    break;
                case HikvisionHostility.Oversized:
                    response.StatusCode = 200;
                    response.ContentType = "application/xml";
                    await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Prolog + "<DeviceInfo version=\"2.0\">"), token);
                    var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<padding>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</padding>\n", 1024)));
                    for (var sent = 0L; sent < 8L * 1024 * 1024 && !token.IsCancellationRequested; sent += block.Length)
                        await response.Body.WriteAsync(block, token);
                    break;
                case HikvisionHostility.DeeplyNested:
                    var nested = new StringBuilder(Prolog).Append("<DeviceInfo>");
                    for (var i = 0; i < 100_000; i++) nested.Append("<a>");
                    await SendAsync(response, "application/xml", nested.ToString(), token);
                    break;
                case HikvisionHostility.WrongTypes:
                    await SendAsync(response, "application/xml", WrongTypes(realDocument), token);
                    break;
                case HikvisionHostility.EntityExpansion:
                    await SendAsync(response, "application/xml", Prolog
                        + "<!DOCTYPE DeviceInfo [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>\n"
                        + "<DeviceInfo><model>&e;</model><firmwareVersion>V5.5.82</firmwareVersion></DeviceInfo>\n", token);
                    break;
                case HikvisionHostility.ExternalEntity:
                    await SendAsync(response, "application/xml", Prolog
                        + "<!DOCTYPE DeviceInfo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<DeviceInfo><model>&xxe;</model><firmwareVersion>V5.5.82</firmwareVersion></DeviceInfo>\n", token);
                    break;
                case HikvisionHostility.UndefinedEntity:
                    await SendAsync(response, "application/xml", Prolog
                        + "<DeviceInfo><model>&xxe;</model><firmwareVersion>V5.5.82</firmwareVersion></DeviceInfo>\n", token);
                    break;
                case HikvisionHostility.HtmlPage:
                    await SendAsync(response, "text/html", "<!DOCTYPE html>\n<html><head><title>Login</title></head><body><form></form></body></html>\n", token);
                    break;
                case HikvisionHostility.MissingMembers:
                    var root = realDocument[(realDocument.IndexOf('<', realDocument.IndexOf("?>", StringComparison.Ordinal) + 2) + 1)..];
                    var name = root[..root.IndexOfAny([' ', '>'])];
                    await SendAsync(response, "application/xml", Prolog + "<" + name + " version=\"2.0\"></" + name + ">\n", token);
                    break;
                case HikvisionHostility.Stall:
                    response.StatusCode = 200;
                    response.ContentType = "application/xml";
                    response.ContentLength = realDocument.Length;
                    await response.Body.WriteAsync(Encoding.UTF8.GetBytes(realDocument[..20]), token);
                    await response.Body.FlushAsync(token);
                    await Task.Delay(Timeout.Infinite, token);
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            // The checker gave up or the 30 seconds are over.
        }
    }

    /// <summary>Puts an element where a plain value belongs, and makes every boolean a word ISAPI does not use.</summary>
    private static string WrongTypes(string document)
    {
        var typed = document
            .Replace("<firmwareVersion>", "<firmwareVersion><major>5</major>", StringComparison.Ordinal)
            .Replace("<userName>", "<userName><first>x</first>", StringComparison.Ordinal)
            .Replace("<emailAddress>", "<emailAddress><local>x</local>", StringComparison.Ordinal)
            .Replace("<enabled>false</enabled>", "<enabled>maybe</enabled>", StringComparison.Ordinal)
            .Replace("<enabled>true</enabled>", "<enabled>maybe</enabled>", StringComparison.Ordinal)
            .Replace("<ipAddress>9.9.9.9</ipAddress>", "<ipAddress>nine.nine</ipAddress>", StringComparison.Ordinal)
            .Replace("<timeMode>", "<timeMode><mode>NTP</mode>", StringComparison.Ordinal);
        return typed;
    }

    private static async Task SendAsync(HttpResponse response, string contentType, string body, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, token);
    }
}
