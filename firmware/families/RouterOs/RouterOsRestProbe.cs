using System;
using System.Collections;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Reads a MikroTik router's identity, firmware and security-relevant settings over the RouterOS v7 REST API
    /// (HTTP Basic, GET only, so a "read" group account is enough). Facts: fw.vendor|model|version|build,
    /// routeros.channel|architecture|routerboard.model|routerboot|package.NAME, cfg.user.NAME, cfg.sshkey.DIGEST,
    /// cfg.service.NAME and cfg.remote.NAME, cfg.dns.server.ADDRESS|remote-requests|doh, cfg.forward.PROTO.PORT,
    /// cfg.script.NAME, cfg.scheduler.NAME(.fetch), cfg.proxy.socks|web. Items are keyed by name, never by RouterOS
    /// ".id" (which renumbers on reboot), and nothing that changes by itself becomes a fact. Every answer is bounded
    /// in size and time and must have RouterOS's documented shape; otherwise the whole probe is "could not verify"
    /// and no partial facts are reported. Passwords never reach a fact or a message.
    /// </summary>
    public sealed class RouterOsRestProbe : IProbe
    {
        private readonly RouterOsOptions _options;

        public RouterOsRestProbe(RouterOsOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Credentials == null) throw new ArgumentException("RouterOS REST needs a user name and password", "options");
            if (options.Scheme != "http" && options.Scheme != "https") throw new ArgumentException("scheme must be http or https", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.RequestTimeoutMs < 1 || options.TotalTimeoutMs < 1) throw new ArgumentOutOfRangeException("options", "time limits must be positive");
            if (options.MaxBodyBytes < 1024) throw new ArgumentOutOfRangeException("options", "the answer size limit must be at least 1024 bytes");
            _options = options;
        }

        public string Name { get { return "routeros-rest"; } }

        public string[] KeyPrefixes { get { return new string[] { "fw.", "cfg.", "routeros." }; } }

        /// <summary>Requests the last run sent (the first only learns the authentication challenge).</summary>
        public int LastRequestCount { get; private set; }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            if (context.Random == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform gave the probe no random source for HTTP authentication."));
                return;
            }
            RouterOsRestClient client = new RouterOsRestClient(context, _options, context.Random);
            RouterOsFactBuffer facts = new RouterOsFactBuffer();
            string reason = Collect(client, facts);
            LastRequestCount = client.RequestsSent;
            if (reason != null)
            {
                if (reason.IndexOf(AuthenticatedHttp.RefusedReason) >= 0) output.MarkCredentialsRefused();
                output.AddVerdict(Verdict.Unverified(Name, "the RouterOS REST API at " + client.Origin + " could not be read: " + reason + "."));
                return;
            }
            facts.CopyTo(output);
        }

        /// <summary>Reads every menu; null when all were read and understood, else why not.</summary>
        private static string Collect(RouterOsRestClient client, RouterOsFactBuffer facts)
        {
            JsonValue value;
            string problem;

            value = Singleton(client, "/system/resource", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/resource", RouterOsSystemFacts.FromResource(value, facts))) != null) return problem;

            value = List(client, "/system/package", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/package", RouterOsSystemFacts.FromPackages(value, facts))) != null) return problem;

            // CHR and x86 installs have no RouterBOARD menu and answer 400 "no such command or directory".
            RouterOsReply board;
            JsonValue boardValue = client.Read("/system/routerboard", out board);
            if (boardValue != null)
            {
                JsonValue settings = RouterOsShape.Singleton(boardValue, out problem);
                if (settings == null) return Explain("/system/routerboard", problem);
                if ((problem = Explain("/system/routerboard", RouterOsSystemFacts.FromRouterboard(settings, facts))) != null) return problem;
            }
            else if (board.Status != 400 && board.Status != 404)
            {
                return board.Reason;
            }

            value = List(client, "/user", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/user", RouterOsAccessFacts.FromUsers(value, facts))) != null) return problem;

            value = List(client, "/user/ssh-keys", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/user/ssh-keys", RouterOsAccessFacts.FromSshKeys(value, facts))) != null) return problem;

            value = List(client, "/ip/service", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/service", RouterOsAccessFacts.FromServices(value, facts))) != null) return problem;

            value = Singleton(client, "/ip/dns", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/dns", RouterOsNetworkFacts.FromDns(value, facts))) != null) return problem;

            value = List(client, "/ip/firewall/nat", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/firewall/nat", RouterOsNetworkFacts.FromNat(value, facts))) != null) return problem;

            value = List(client, "/system/script", out problem);
            if (value == null) return problem;
            Hashtable sources = RouterOsTaskFacts.FromScripts(value, facts, out problem);
            if (sources == null) return Explain("/system/script", problem);

            value = List(client, "/system/scheduler", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/scheduler", RouterOsTaskFacts.FromSchedulers(value, sources, facts))) != null) return problem;

            value = Singleton(client, "/ip/socks", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/socks", RouterOsNetworkFacts.FromSocks(value, facts))) != null) return problem;

            value = Singleton(client, "/ip/proxy", out problem);
            if (value == null) return problem;
            return Explain("/ip/proxy", RouterOsNetworkFacts.FromWebProxy(value, facts));
        }

        private static JsonValue List(RouterOsRestClient client, string menu, out string problem)
        {
            RouterOsReply failure;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                problem = failure.Reason;
                return null;
            }
            problem = Explain(menu, RouterOsShape.ListProblem(value));
            return problem == null ? value : null;
        }

        private static JsonValue Singleton(RouterOsRestClient client, string menu, out string problem)
        {
            RouterOsReply failure;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                problem = failure.Reason;
                return null;
            }
            string why;
            JsonValue settings = RouterOsShape.Singleton(value, out why);
            problem = Explain(menu, why);
            return settings;
        }

        private static string Explain(string menu, string problem)
        {
            return problem == null ? null : "the answer to /rest" + menu + " is not what RouterOS sends: " + problem;
        }
    }
}
