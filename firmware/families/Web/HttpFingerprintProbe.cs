using System;
using System.Collections;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Fingerprints the admin web interface: status, Server header, title, the SHA-256 of its static
    /// files and of its TLS certificate. The landing page itself is not hashed (it carries session tokens);
    /// its scripts and stylesheets are, because firmware tampering shows up there. The whole landing page is also
    /// scanned (<see cref="HtmlPageScan"/>) for script injection: each inline script's normalised digest and the
    /// foreign origins of scripts, frames, form targets and the base URL. Facts:
    /// <c>http.status</c>, <c>http.server</c>, <c>http.title</c>, <c>http.landing</c>, <c>http.asset.PATH.sha256</c>, <c>tls.cert.sha256</c>,
    /// <c>http.script.inline.DIGEST</c>, <c>http.script.origin.HOST</c>, <c>http.iframe.origin.HOST</c>, <c>http.form.origin.HOST</c>,
    /// <c>http.base.origin.HOST</c>, <c>http.script.uncounted</c>, <c>http.handler.inline.DIGEST</c>,
    /// <c>http.object.origin.HOST</c>, <c>http.link.origin.HOST</c>, <c>http.refresh.origin.HOST</c>, <c>http.handler.uncounted</c>;
    /// with a login page (<see cref="HttpFingerprintOptions.LoginPath"/>) also <c>http.login.status</c> and the
    /// <c>http.asset.PATH.sha256</c> of the files it loads.
    /// </summary>
    public sealed class HttpFingerprintProbe : IProbe
    {
        /// <summary>The landing page is read this far at most; only its head is used.</summary>
        public const long LandingMaxBytes = 256 * 1024;

        private readonly HttpFingerprintOptions _options;

        public HttpFingerprintProbe(HttpFingerprintOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Scheme != "http" && options.Scheme != "https") throw new ArgumentException("scheme must be http or https", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.Paths == null) options.Paths = new string[0];
            _options = options;
        }

        public string Name { get { return "http-fingerprint"; } }

        public string[] KeyPrefixes { get { return new string[] { "http.", "tls." }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            string origin = _options.Scheme + "://" + context.UrlHost + ":" + _options.Port.ToString();
            HeadCapture head = new HeadCapture(_options.HeadBytes);
            // The whole landing page streams through the scan; only its head is kept.
            HtmlPageScan scan = new HtmlPageScan(head, context.UrlHost, _options.Scheme);
            string path = "/";
            HttpResponse page = null;
            for (int hop = 0; hop <= _options.MaxRedirects; hop++)
            {
                scan.Reset();
                page = Get(context, origin + path, scan, LandingMaxBytes);
                if (page.Outcome != HttpOutcome.Completed && page.Outcome != HttpOutcome.BodyTooLarge) break;
                if (page.StatusCode < 300 || page.StatusCode > 399) break;
                string next = UrlPath.Resolve(origin, path, page.GetHeader("Location"));
                if (next == null || hop == _options.MaxRedirects)
                {
                    string location = page.GetHeader("Location");
                    if (location != null) output.AddFact("http.redirect", FactText.Clean(location, 200), FactKind.Config);
                    break;
                }
                path = next;
            }

            if (page.Outcome != HttpOutcome.Completed && page.Outcome != HttpOutcome.BodyTooLarge)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the web interface at " + origin + " did not answer properly: " + TransportText.Describe(page) + "."));
                return;
            }

            output.AddFact("http.status", page.StatusCode.ToString(), FactKind.Identity);
            if (path != "/") output.AddFact("http.landing", FactText.Clean(path, 200), FactKind.Identity);
            string server = page.GetHeader("Server");
            if (server != null)
            {
                string clean = FactText.Clean(server, 120);
                if (clean.Length > 0) output.AddFact("http.server", clean, FactKind.Identity);
            }
            string title = HtmlScan.Title(head.Buffer, head.Count);
            if (title != null) output.AddFact("http.title", title, FactKind.Identity);
            if (page.CertificateSha256 != null) output.AddFact("tls.cert.sha256", Hex.Encode(page.CertificateSha256), FactKind.Asset);

            if (page.Outcome == HttpOutcome.BodyTooLarge)
            {
                // A padded page can hide what it loads past the cut: fingerprinted from its head, but not fully verified.
                output.AddVerdict(Verdict.Unverified(Name, "the page at " + FactText.Clean(path, 80) + " is longer than " + (LandingMaxBytes / 1024).ToString() +
                    " KiB; only that much was read, so what it loads further down was not checked."));
            }
            scan.Finish();
            for (int i = 0; i < scan.Keys.Count; i++) output.AddFact((string)scan.Keys[i], (string)scan.Values[i], FactKind.Config);
            // More scripts and origins than kept: said as a stable fact, so a page that grows past the bound is still drift.
            if (scan.Overflowed) output.AddFact("http.script.uncounted", "yes", FactKind.Config);
            if (scan.HandlersOverflowed) output.AddFact("http.handler.uncounted", "yes", FactKind.Config);
            string[] assets = AssetPaths(origin, path, head);
            Sha256 sha = new Sha256();
            HashSink sink = new HashSink(sha);
            for (int i = 0; i < assets.Length; i++)
            {
                HashAsset(context, output, origin, assets[i], sha, sink);
            }
            if (_options.LoginPath != null && _options.DiscoverAssets) HashLoginAssets(context, output, origin, head, sha, sink);
        }

        /// <summary>
        /// The scripts and stylesheets the login page loads (a camera's root page only redirects to it by script). The page
        /// itself is not hashed; the head buffer is reused, so this costs no memory beyond the landing page's.
        /// </summary>
        private void HashLoginAssets(ProbeContext context, ProbeOutput output, string origin, HeadCapture head, Sha256 sha, HashSink sink)
        {
            string login = UrlPath.Resolve(origin, "/", _options.LoginPath);
            if (login == null) return;
            head.Reset();
            HttpResponse page = Get(context, origin + login, head, LandingMaxBytes);
            if (page.Outcome != HttpOutcome.Completed && page.Outcome != HttpOutcome.BodyTooLarge)
            {
                output.AddVerdict(Verdict.Unverified(Name, "could not read the login page " + login + ": " + TransportText.Describe(page) + "."));
                return;
            }
            // Its status is a fact: a login page that vanishes or moves takes its files' facts with it.
            output.AddFact("http.login.status", page.StatusCode.ToString(), FactKind.Identity);
            if (page.StatusCode != 200) return;
            string[] links = HtmlScan.ScriptAndStyleLinks(head.Buffer, head.Count, _options.MaxDiscoveredAssets * 2);
            int hashed = 0;
            for (int i = 0; i < links.Length && hashed < _options.MaxDiscoveredAssets; i++)
            {
                string p = UrlPath.Resolve(origin, login, links[i]);
                if (p == null) continue;
                HashAsset(context, output, origin, p, sha, sink);
                hashed++;
            }
        }

        private void HashAsset(ProbeContext context, ProbeOutput output, string origin, string path, Sha256 sha, HashSink sink)
        {
            string key = "http.asset." + FactText.KeySegment(path, 160) + ".sha256";
            if (output.Facts.Contains(key)) return;
            sha.Reset();
            HttpResponse r = Get(context, origin + path, sink, _options.MaxAssetBytes);
            if (r.Outcome == HttpOutcome.Completed)
            {
                string value = r.StatusCode == 200 ? Hex.Encode(sha.Final()) : "status:" + r.StatusCode.ToString();
                output.AddFact(key, value, FactKind.Asset);
                return;
            }
            output.AddFact(key, "unverified", FactKind.Asset);
            output.AddVerdict(Verdict.Unverified(Name, "could not read " + path + ": " + TransportText.Describe(r) + "."));
        }

        private string[] AssetPaths(string origin, string landing, HeadCapture head)
        {
            ArrayList paths = new ArrayList();
            for (int i = 0; i < _options.Paths.Length; i++)
            {
                string p = UrlPath.Resolve(origin, "/", _options.Paths[i]);
                if (p != null && !paths.Contains(p)) paths.Add(p);
            }
            if (_options.DiscoverAssets)
            {
                string[] links = HtmlScan.ScriptAndStyleLinks(head.Buffer, head.Count, _options.MaxDiscoveredAssets * 2);
                int added = 0;
                for (int i = 0; i < links.Length && added < _options.MaxDiscoveredAssets; i++)
                {
                    string p = UrlPath.Resolve(origin, landing, links[i]);
                    if (p != null && !paths.Contains(p))
                    {
                        paths.Add(p);
                        added++;
                    }
                }
            }
            string[] result = new string[paths.Count];
            paths.CopyTo(result);
            return result;
        }

        private HttpResponse Get(ProbeContext context, string url, IByteSink sink, long maxBody)
        {
            HttpRequest request = new HttpRequest("GET", url);
            request.TimeoutMs = _options.TimeoutMs;
            request.MaxBodyBytes = maxBody;
            request.AddHeader("Accept", "*/*");
            return context.Http.Send(request, sink);
        }
    }
}
