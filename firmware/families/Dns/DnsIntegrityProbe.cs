using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Asks the router's resolver (the checked host) and a trusted resolver for a few canary names and
    /// compares the answers. Facts are the router's answers: <c>dns.answer.NAME.a</c> and <c>dns.answer.NAME.aaaa</c>,
    /// each the sorted, comma-separated addresses, or <c>nxdomain</c>, or <c>none</c> (the name exists without
    /// records of that type). Answers that could not be had (no answer in time, SERVFAIL, truncated,
    /// malformed) give no fact and a "could not verify" verdict.
    /// <para>
    /// Comparison rule, per name and type, when both resolvers answered:
    /// the router gives addresses and the trusted resolver gives addresses, and the two sets share none → hijack;
    /// the router gives addresses for a name the trusted resolver says does not exist → hijack (the classic
    /// NXDOMAIN redirection to an advertising or phishing host);
    /// the sets overlap → fine, even if they differ (resolvers may return a subset or rotate within a pool);
    /// the router says the name does not exist or has no records while the trusted resolver has addresses →
    /// not a hijack (a filter or ad blocker), reported as information.
    /// </para>
    /// </summary>
    public sealed class DnsIntegrityProbe : IProbe
    {
        /// <summary>Leaves room for "dns.answer." and ".aaaa" within the 200-character fact key limit.</summary>
        public const int MaxCanaryNameLength = 180;

        private readonly DnsIntegrityOptions _options;
        private readonly string[] _names;

        public DnsIntegrityProbe(DnsIntegrityOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.TrustedResolver == null || options.TrustedResolver.Length == 0) throw new ArgumentException("a trusted resolver is needed to compare the router's answers with", "options");
            if (options.RouterPort < 1 || options.RouterPort > 65535) throw new ArgumentOutOfRangeException("options", "the router's DNS port must be between 1 and 65535");
            if (options.TrustedPort < 1 || options.TrustedPort > 65535) throw new ArgumentOutOfRangeException("options", "the trusted resolver's port must be between 1 and 65535");
            if (options.CanaryNames == null || options.CanaryNames.Length == 0) throw new ArgumentException("at least one canary name is needed", "options");
            if (options.AttemptTimeoutMs < 1 || options.LookupTimeoutMs < 1 || options.MaxAttempts < 1) throw new ArgumentOutOfRangeException("options", "DNS time bounds and attempts must be positive");
            _names = new string[options.CanaryNames.Length];
            for (int i = 0; i < _names.Length; i++)
            {
                _names[i] = DnsName.Normalize(options.CanaryNames[i]);
                if (_names[i].Length > MaxCanaryNameLength) throw new ArgumentException("canary names are at most " + MaxCanaryNameLength.ToString() + " characters, so their fact keys stay within the key limit", "options");
            }
            _options = options;
        }

        public string Name { get { return "dns-integrity"; } }

        public string[] KeyPrefixes { get { return new string[] { "dns.answer." }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Udp == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform cannot send UDP datagrams."));
                return;
            }
            if (context.Random == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform gave the probe no random source for DNS message ids."));
                return;
            }
            DnsResolverClient client = new DnsResolverClient(context.Udp, context.Clock, context.Random);
            client.AttemptTimeoutMs = _options.AttemptTimeoutMs;
            client.LookupTimeoutMs = _options.LookupTimeoutMs;
            client.MaxAttempts = _options.MaxAttempts;

            // A resolver that stays silent once is not asked again in this run, so a dead one costs one lookup bound, not one per name.
            bool routerSilent = false, trustedSilent = false;
            int types = _options.QueryIPv6 ? 2 : 1;
            for (int n = 0; n < _names.Length; n++)
            {
                for (int t = 0; t < types; t++)
                {
                    int type = t == 0 ? DnsRecordType.A : DnsRecordType.Aaaa;
                    string key = "dns.answer." + _names[n] + "." + DnsRecordType.Name(type);
                    DnsReply router = routerSilent ? null : client.Lookup(context.Host, _options.RouterPort, _names[n], type);
                    if (router != null && router.Kind == DnsReplyKind.TimedOut)
                    {
                        routerSilent = true;
                        output.AddVerdict(Verdict.Unverified(Name, "the router's DNS resolver at " + context.Host + " port " + _options.RouterPort.ToString() + " did not answer: " + router.Detail + "."));
                    }
                    if (router != null && router.Kind == DnsReplyKind.Unreachable && n == 0 && t == 0)
                    {
                        // Nothing listens on the router's DNS port: nobody can be sent astray through it, and there is nothing to compare.
                        output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.Info, "dns.no-resolver", "dns.answer",
                            "The router at " + context.Host + " runs no DNS resolver on port " + _options.RouterPort.ToString() + " (" + router.Detail + "), so its answers were not compared."));
                        return;
                    }
                    if (router == null || router.Kind == DnsReplyKind.TimedOut) continue;
                    if (!AddFact(output, key, router))
                    {
                        output.AddVerdict(Verdict.Unverified(Name, "the router's DNS answer for " + _names[n] + " (" + DnsRecordType.Name(type) + ") is unusable: " + router.Detail + "."));
                        continue;
                    }

                    DnsReply trusted = trustedSilent ? null : client.Lookup(_options.TrustedResolver, _options.TrustedPort, _names[n], type);
                    if (trusted != null && trusted.Kind == DnsReplyKind.TimedOut)
                    {
                        trustedSilent = true;
                        output.AddVerdict(Verdict.Unverified(Name, "the trusted DNS resolver " + _options.TrustedResolver + " did not answer, so the router's answers could not be compared: " + trusted.Detail + "."));
                    }
                    if (trusted == null || trusted.Kind == DnsReplyKind.TimedOut) continue;
                    if (trusted.Kind != DnsReplyKind.Answer && trusted.Kind != DnsReplyKind.NameError)
                    {
                        output.AddVerdict(Verdict.Unverified(Name, "the trusted DNS resolver's answer for " + _names[n] + " (" + DnsRecordType.Name(type) + ") is unusable, so the router's could not be compared: " + trusted.Detail + "."));
                        continue;
                    }
                    Compare(output, key, _names[n], router, trusted);
                }
            }
        }

        /// <summary>Adds the router's answer as a fact; false when the answer is not one (error, malformed, truncated).</summary>
        private static bool AddFact(ProbeOutput output, string key, DnsReply reply)
        {
            string value;
            if (reply.Kind == DnsReplyKind.NameError) value = "nxdomain";
            else if (reply.Kind != DnsReplyKind.Answer) return false;
            else if (reply.Addresses.Length == 0) value = "none";
            else value = reply.JoinedAddresses();
            output.AddFact(key, FactText.Clean(value, FactText.MaxValueLength), FactKind.Config);
            return true;
        }

        private void Compare(ProbeOutput output, string key, string name, DnsReply router, DnsReply trusted)
        {
            bool routerHasAddresses = router.Kind == DnsReplyKind.Answer && router.Addresses.Length > 0;
            bool trustedHasAddresses = trusted.Kind == DnsReplyKind.Answer && trusted.Addresses.Length > 0;
            if (routerHasAddresses && trusted.Kind == DnsReplyKind.NameError)
            {
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.High, "dns.hijack", key,
                    "The router's DNS answers " + name + " with " + router.JoinedAddresses() + ", a name that does not exist according to the trusted resolver. Its DNS is redirecting lookups; if you did not set this up, it has been hijacked."));
                return;
            }
            if (routerHasAddresses && trustedHasAddresses)
            {
                if (Overlap(router.Addresses, trusted.Addresses)) return;
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.High, "dns.hijack", key,
                    "The router's DNS answers " + name + " with " + router.JoinedAddresses() + ", but the trusted resolver answers " + trusted.JoinedAddresses() + ". Devices that use the router's DNS are sent somewhere else: its DNS has probably been hijacked."));
                return;
            }
            if (!routerHasAddresses && trustedHasAddresses)
            {
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.Info, "dns.blocked", key,
                    "The router's DNS gives no address for " + name + " while the trusted resolver does; a filter or ad blocker on the router can do that."));
            }
        }

        private static bool Overlap(string[] a, string[] b)
        {
            for (int i = 0; i < a.Length; i++)
            {
                for (int k = 0; k < b.Length; k++)
                {
                    if (a[i] == b[k]) return true;
                }
            }
            return false;
        }
    }
}
