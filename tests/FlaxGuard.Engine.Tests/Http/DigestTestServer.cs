using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Http;

/// <summary>
/// A Digest/Basic-protected resource behind <see cref="IHttpTransport"/>, checking every Authorization header
/// with .NET's own MD5 and SHA-256 (an implementation independent of the engine's). It counts requests and
/// 401s, records nonce counts, and can expire its nonce to test the stale path. Apache (in
/// FlaxGuard.Probes.Tests) speaks only MD5, so SHA-256 is exercised here.
/// </summary>
internal sealed class DigestTestServer : IHttpTransport
{
    private readonly string _realm;
    private readonly string _user;
    private readonly string _password;
    private int _nonceSerial;

    public DigestTestServer(string algorithm, string realm = "cams", string user = "admin", string password = "correct horse")
    {
        Algorithm = algorithm;
        _realm = realm;
        _user = user;
        _password = password;
        Nonce = NewNonce();
    }

    /// <summary>"MD5", "SHA-256", "MD5-sess", "SHA-256-sess", or "Basic" for Basic authentication.</summary>
    public string Algorithm { get; }

    public string Nonce { get; private set; }

    public byte[] Body { get; set; } = Encoding.UTF8.GetBytes("<DeviceInfo><model>DS-2CD2143G2</model></DeviceInfo>");

    /// <summary>Extra challenges offered before ours (e.g. an unsupported algorithm).</summary>
    public string? ExtraChallenge { get; set; }

    /// <summary>Overrides the WWW-Authenticate value completely (malformed-challenge tests).</summary>
    public string? RawChallenge { get; set; }

    /// <summary>Answer 401 with stale=true even to a fresh nonce (a hostile server that never lets us in).</summary>
    public bool AlwaysStale { get; set; }

    public int Requests { get; private set; }
    public int Refusals { get; private set; }
    public List<string> NonceCounts { get; } = [];
    public List<string> AuthorizationHeaders { get; } = [];

    public void ExpireNonce() => Nonce = NewNonce();

    public HttpResponse Send(HttpRequest request, IByteSink? sink)
    {
        Requests++;
        string? authorization = null;
        for (var i = 0; i < request.HeaderCount; i++)
            if (request.GetHeader(i).Name == "Authorization") authorization = request.GetHeader(i).Value;
        if (authorization is not null) AuthorizationHeaders.Add(authorization);
        var verdict = Check(request, authorization);
        if (verdict == "ok")
        {
            sink?.Write(Body, 0, Body.Length);
            return new HttpResponse(HttpOutcome.Completed, 200, [new HttpHeader("Content-Type", "application/xml")], 1, Body.Length, null, null);
        }
        Refusals++;
        var body = Encoding.ASCII.GetBytes("<html>401 Unauthorized</html>");
        sink?.Write(body, 0, body.Length);
        var challenge = RawChallenge ?? (Algorithm == "Basic"
            ? $"Basic realm=\"{_realm}\""
            : $"Digest realm=\"{_realm}\", nonce=\"{Nonce}\", opaque=\"0paque\", algorithm={Algorithm}, qop=\"auth\"" + (verdict == "stale" || AlwaysStale ? ", stale=true" : ""));
        var headers = new List<HttpHeader>();
        if (ExtraChallenge is not null) headers.Add(new HttpHeader("WWW-Authenticate", ExtraChallenge));
        headers.Add(new HttpHeader("WWW-Authenticate", challenge));
        return new HttpResponse(HttpOutcome.Completed, 401, [.. headers], headers.Count, body.Length, null, null);
    }

    private string Check(HttpRequest request, string? authorization)
    {
        if (authorization is null) return "none";
        if (Algorithm == "Basic")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + _password));
            return authorization == expected ? "ok" : "wrong";
        }
        if (!authorization.StartsWith("Digest ", StringComparison.Ordinal)) return "wrong";
        var p = ParseAuthorization(authorization[7..]);
        var uri = new Uri(request.Url).PathAndQuery;
        if (p.GetValueOrDefault("uri") != uri || p.GetValueOrDefault("username") != _user || p.GetValueOrDefault("realm") != _realm) return "wrong";
        if (p.GetValueOrDefault("opaque") != "0paque" || p.GetValueOrDefault("qop") != "auth" || p.GetValueOrDefault("algorithm") != Algorithm) return "wrong";
        var nc = p.GetValueOrDefault("nc") ?? "";
        var cnonce = p.GetValueOrDefault("cnonce") ?? "";
        var nonce = p.GetValueOrDefault("nonce") ?? "";
        var sha = Algorithm.StartsWith("SHA-256", StringComparison.Ordinal);
        string H(string s) => Convert.ToHexStringLower(sha ? SHA256.HashData(Encoding.UTF8.GetBytes(s)) : MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var ha1 = H($"{_user}:{_realm}:{_password}");
        if (Algorithm.EndsWith("-sess", StringComparison.Ordinal)) ha1 = H($"{ha1}:{nonce}:{cnonce}");
        var expectedResponse = H($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{H(request.Method + ":" + uri)}");
        if (p.GetValueOrDefault("response") != expectedResponse) return "wrong";
        NonceCounts.Add(nc);
        if (nonce != Nonce || AlwaysStale) return "stale";
        return "ok";
    }

    private static Dictionary<string, string> ParseAuthorization(string text)
    {
        var result = new Dictionary<string, string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',')) i++;
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var name = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\') i++;
                    sb.Append(text[i++]);
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0) end = text.Length;
                value = text[i..end].Trim();
                i = end;
            }
            result[name] = value;
        }
        return result;
    }

    private string NewNonce() => "n" + (++_nonceSerial) + "-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
}
