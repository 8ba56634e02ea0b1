using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Files left in the web root by CVE-2021-36260 (command injection through PUT /SDK/webLanguage; the injected
    /// command runs where the web server's webLib directory is served as "/", so "cmd&gt;webLib/x" is readable at /x).
    /// A bounded, fixed list is fetched with GET only and without credentials, never anything written; a clean camera answers 404 (or
    /// redirects), so a file that answers 200 is critical. One name no firmware serves is asked first: a device that answers it
    /// with 200 answers every path and cannot be checked this way (hikvision.support.webroot = no).
    /// </summary>
    public sealed partial class IsapiProbe
    {
        /// <summary>
        /// Names public exploits write: c (the check "$(&gt;webLib/c)"), x (command output "...&gt;webLib/x") and N (the
        /// marker of the root account it adds) in bashis' PoC, github.com/mcw0/PoC CVE-2021-36260.py, which Metasploit's
        /// module cites, x also in projectdiscovery/nuclei-templates http/cves/2021/CVE-2021-36260.yaml; NX (check
        /// "ls&gt;webLib/NX") and q (account marker "cat qx&gt;webLib/q") in a public C# port of that PoC.
        /// </summary>
        public static readonly string[] DropperPaths = new string[] { "/c", "/x", "/N", "/NX", "/q" };

        /// <summary>A name no firmware serves: only a server that answers every path answers it with 200.</summary>
        public const string AbsentPath = "/flaxguard-absent-5e1f";

        private const long MaxWebRootBytes = 16 * 1024;

        private void ReadWebRoot(Session session, ProbeOutput output)
        {
            WebRootSink sink = new WebRootSink();
            int status = FetchFile(session, AbsentPath, sink);
            if (status < 0) return;
            if (status == 200)
            {
                output.AddFact("hikvision.support.webroot", "no", FactKind.Config);
                return;
            }
            for (int i = 0; i < DropperPaths.Length; i++)
            {
                status = FetchFile(session, DropperPaths[i], sink);
                if (status < 0) return;
                if (status != 200) continue;
                string key = "cfg.camera.webshell." + DropperPaths[i].Substring(1);
                output.AddFact(key, "present", FactKind.Config);
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.Critical, "exposure.cve-2021-36260-file", key,
                    "The camera serves " + DropperPaths[i] + " (" + sink.Length.ToString() + " bytes), a file the public CVE-2021-36260 exploits write into its web root; "
                    + "a clean camera answers 404. Someone ran commands on this camera: update its firmware, reset it to factory settings and change every password."));
            }
        }

        /// <summary>
        /// GETs a web-root file into <paramref name="sink"/> without credentials (the web server hands its files to
        /// anyone, which is how the exploits read their output back; no login is spent on unknown paths): its HTTP
        /// status, or -1 when the probe must stop (reported).
        /// </summary>
        private int FetchFile(Session session, string path, WebRootSink sink)
        {
            long left = session.Deadline - session.Context.Clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                Fail(session, "the time allowed for the Hikvision check ran out before " + path + " was read.");
                return -1;
            }
            HttpRequest request = session.Request;
            request.Reset("GET", session.Origin, path);
            request.TimeoutMs = left < _options.RequestTimeoutMs ? (int)left : _options.RequestTimeoutMs;
            request.MaxBodyBytes = MaxWebRootBytes;
            request.MaxHeaderBytes = 16 * 1024;
            sink.Restart();
            HttpResponse response = session.Context.Http.Send(request, sink);
            // A file larger than the limit still answered 200: that is what counts, not its end.
            if (response != null && response.StatusCode == 200 && (response.Outcome == HttpOutcome.Completed || response.Outcome == HttpOutcome.BodyTooLarge)) return 200;
            if (response == null || response.Outcome != HttpOutcome.Completed)
            {
                Fail(session, "could not read " + path + ": " + (response == null || response.Error == null ? "no answer" : response.Error) + ".");
                return -1;
            }
            return response.StatusCode;
        }
    }
}
