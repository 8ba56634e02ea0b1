using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Asks an IP camera's ONVIF device service (SOAP 1.2 over HTTP) what firmware it runs and how it is set
    /// up: GetSystemDateAndTime (unauthenticated, to learn the camera's clock), then, signed with a WS-Security
    /// UsernameToken PasswordDigest dated in the camera's time, GetDeviceInformation, GetUsers,
    /// GetNetworkProtocols, GetDNS, GetNTP and (issue 13) GetDiscoveryMode, GetDynamicDNS, GetRemoteUser and
    /// GetNetworkDefaultGateway, GetHostname and GetScopes (device service WSDL, ver10). Botnets that take over cameras add accounts, point DNS elsewhere
    /// and replace firmware; those are the facts.
    /// <para>
    /// Facts: <c>fw.vendor</c>, <c>fw.model</c>, <c>fw.version</c>; <c>cfg.user.NAME=LEVEL</c>;
    /// <c>cfg.service.http|https|rtsp=port=N</c> while enabled; <c>cfg.dns.server.ADDRESS</c> and
    /// <c>cfg.ntp.server.ADDRESS</c> (manual servers); extras <c>onvif.hardware-id</c>, <c>onvif.dns.from-dhcp</c>,
    /// <c>onvif.dns.search.DOMAIN</c>, <c>onvif.ntp.from-dhcp</c>, <c>onvif.datetime-type</c>, <c>onvif.timezone</c>;
    /// <c>cfg.admin.NAME</c>, <c>cfg.discovery</c>, <c>cfg.ddns.onvif</c>, <c>cfg.remote-user</c>, <c>cfg.gateway.ADDRESS</c>,
    /// <c>onvif.hostname</c>, <c>onvif.scope.URI</c> (configurable scopes only), <c>cfg.camera.ipfilter(.ADDRESS)</c>.
    /// Never the serial number, the clock, nonces or anything about the password.
    /// </para>
    /// </summary>
    public sealed class OnvifProbe : IProbe
    {
        private const int Stop = -1;
        private const int Skipped = 0;
        private const int Answered = 1;

        private readonly OnvifOptions _options;

        public OnvifProbe(OnvifOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.ServicePath == null || options.ServicePath.Length == 0 || options.ServicePath[0] != '/') throw new ArgumentException("service path must start with '/'", "options");
            if (options.MaxXmlDepth < 6 || options.MaxXmlDepth > 64) throw new ArgumentOutOfRangeException("options", "XML depth limit must be between 6 and 64");
            if (options.MaxTextBytes < 64 || options.MaxValues < 16 || options.MaxSoapBytes < 1024) throw new ArgumentOutOfRangeException("options", "size limits are too small for ONVIF answers");
            if (options.HttpTimeoutMs < 1 || options.TotalTimeMs < 1) throw new ArgumentOutOfRangeException("options", "time limits must be positive");
            _options = options;
        }

        public string Name { get { return "onvif"; } }

        public string[] KeyPrefixes
        {
            get { return new string[] { "fw.", "cfg.", "onvif." }; }
        }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            if (context.Random == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform gave no random source for the WS-Security nonces."));
                return;
            }
            if (_options.User == null || _options.User.Length == 0)
            {
                output.AddVerdict(Verdict.Unverified(Name, "no ONVIF user name was configured for " + context.Host + "."));
                return;
            }
            string url = (_options.UseHttps ? "https://" : "http://") + context.UrlHost + ":" + _options.Port.ToString() + _options.ServicePath;
            long deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeMs;
            OnvifClient client = new OnvifClient(context, _options, url, deadline, OnvifAnswers.Vocabulary);
            // One staging set for the whole run, emptied before each answer.
            FactSet pending = new FactSet(8);

            if (!LearnClock(context, client, pending, output)) return;
            if (Ask(client, "GetDeviceInformation", "read the firmware identity", true, output) != Answered) return;
            if (!Read(client, ReadDeviceInformation, "GetDeviceInformation", pending, output)) return;
            if (!AskAndRead(client, ReadUsers, "GetUsers", "list the user accounts", pending, output)) return;
            if (!AskAndRead(client, ReadProtocols, "GetNetworkProtocols", "list the network services", pending, output)) return;
            if (!AskAndRead(client, ReadDns, "GetDNS", "read the DNS settings", pending, output)) return;
            if (!AskAndRead(client, ReadNtp, "GetNTP", "read the time-server settings", pending, output)) return;
            if (!AskAndRead(client, ReadDiscovery, "GetDiscoveryMode", "read the discovery mode", pending, output)) return;
            if (!AskAndRead(client, ReadDynamicDns, "GetDynamicDNS", "read the dynamic DNS settings", pending, output)) return;
            if (!AskAndRead(client, ReadRemoteUser, "GetRemoteUser", "read the remote user", pending, output)) return;
            if (!AskAndRead(client, ReadGateway, "GetNetworkDefaultGateway", "read the default gateway", pending, output)) return;
            if (!AskAndRead(client, ReadHostname, "GetHostname", "read the camera's host name", pending, output)) return;
            if (!AskAndRead(client, ReadScopes, "GetScopes", "read the discovery scopes", pending, output)) return;
            AskAndRead(client, ReadIpFilter, "GetIPAddressFilter", "read the IP address filter", pending, output);
        }

        /// <summary>One of the optional answers: false when the probe must stop.</summary>
        private bool AskAndRead(OnvifClient client, int what, string action, string purpose, FactSet pending, ProbeOutput output)
        {
            int asked = Ask(client, action, purpose, false, output);
            if (asked == Stop) return false;
            return asked != Answered || Read(client, what, action, pending, output);
        }

        private const int ReadDeviceInformation = 0;
        private const int ReadUsers = 1;
        private const int ReadProtocols = 2;
        private const int ReadDns = 3;
        private const int ReadNtp = 4;
        private const int ReadDiscovery = 5;
        private const int ReadDynamicDns = 6;
        private const int ReadRemoteUser = 7;
        private const int ReadGateway = 8;
        private const int ReadHostname = 9;
        private const int ReadScopes = 10;
        private const int ReadIpFilter = 11;

        private bool Read(OnvifClient client, int what, string action, FactSet pending, ProbeOutput output)
        {
            pending.Clear();
            string problem;
            if (what == ReadDeviceInformation) problem = OnvifAnswers.ReadDeviceInformation(client.Reply, pending);
            else if (what == ReadUsers) problem = OnvifAnswers.ReadUsers(client.Reply, pending);
            else if (what == ReadProtocols) problem = OnvifAnswers.ReadProtocols(client.Reply, pending);
            else if (what == ReadDns) problem = OnvifAnswers.ReadDns(client.Reply, pending);
            else if (what == ReadNtp) problem = OnvifAnswers.ReadNtp(client.Reply, pending);
            else if (what == ReadDiscovery) problem = OnvifAnswers.ReadDiscoveryMode(client.Reply, pending);
            else if (what == ReadDynamicDns) problem = OnvifAnswers.ReadDynamicDns(client.Reply, pending);
            else if (what == ReadRemoteUser) problem = OnvifAnswers.ReadRemoteUser(client.Reply, pending);
            else if (what == ReadGateway) problem = OnvifAnswers.ReadDefaultGateway(client.Reply, pending);
            else if (what == ReadHostname) problem = OnvifAnswers.ReadHostname(client.Reply, pending);
            else if (what == ReadScopes) problem = OnvifAnswers.ReadScopes(client.Reply, pending);
            else problem = OnvifAnswers.ReadIpAddressFilter(client.Reply, pending);
            return Keep(pending, problem, action, output);
        }

        // Each answer is read into its own set first, so a bad value in the middle of a list adds nothing of that list.
        private bool Keep(FactSet pending, string problem, string action, ProbeOutput output)
        {
            if (problem != null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the camera's answer to " + action + " " + problem + "."));
                return false;
            }
            for (int i = 0; i < pending.Count; i++)
            {
                Fact fact = pending[i];
                output.AddFact(fact.Key, fact.Value, fact.Kind);
            }
            return true;
        }

        /// <summary>
        /// GetSystemDateAndTime without credentials (ONVIF allows it before authentication), so the signed calls
        /// can be dated in the camera's time: a camera whose clock is hours off refuses tokens dated in ours.
        /// </summary>
        private bool LearnClock(ProbeContext context, OnvifClient client, FactSet pending, ProbeOutput output)
        {
            if (!client.Call("GetSystemDateAndTime", false))
            {
                output.AddVerdict(Verdict.Unverified(Name, "could not read the camera's clock over ONVIF at " + context.Host + ": " + client.Problem + "."));
                return false;
            }
            if (client.Refused || client.Reply.IsFault)
            {
                // Some cameras want credentials even for the clock; sign with our own clock and hope it is close.
                if (Ask(client, "GetSystemDateAndTime", "read the camera's clock", true, output) != Answered) return false;
            }
            long cameraUnixMs;
            pending.Clear();
            string problem = OnvifAnswers.ReadClock(client.Reply, pending, out cameraUnixMs);
            if (!Keep(pending, problem, "GetSystemDateAndTime", output)) return false;
            if (cameraUnixMs < 0) return true;
            long offset = cameraUnixMs - context.Clock.UtcUnixMilliseconds;
            client.ClockOffsetMs = offset;
            long size = offset < 0 ? -offset : offset;
            if (size > _options.ClockWarningMs)
            {
                output.AddVerdict(new Verdict(VerdictKind.Probe, Severity.Low, "onvif.clock-off", "onvif",
                    "The camera's clock is about " + DescribeSpan(size) + (offset < 0 ? " behind" : " ahead") +
                    ". FlaxGuard allowed for it, but wrong time breaks recordings' timestamps and certificate checks; let the camera use a time server."));
            }
            return true;
        }

        /// <summary>One signed call; says why when the camera refused or faulted. Stop means the rest cannot work either.</summary>
        private int Ask(OnvifClient client, string action, string purpose, bool credentialsUnproven, ProbeOutput output)
        {
            if (!client.Call(action, true))
            {
                output.AddVerdict(Verdict.Unverified(Name, "could not " + purpose + ": " + client.Problem + "."));
                return Stop;
            }
            if (client.Refused)
            {
                if (credentialsUnproven)
                {
                    output.MarkCredentialsRefused();
                    output.AddVerdict(Verdict.Unverified(Name, "the device refused the credentials for user " + Text.FactText.Clean(_options.User, 40) +
                        " (" + (client.Reply.IsFault ? client.DescribeFault() : "HTTP status " + client.StatusCode.ToString()) + "). Check the user name and password in the device's settings."));
                    return Stop;
                }
                output.AddVerdict(Verdict.Unverified(Name, "the camera would not let user " + Text.FactText.Clean(_options.User, 40) + " " + purpose +
                    " (" + action + " was refused); this needs an ONVIF Administrator account."));
                return Skipped;
            }
            if (client.Reply.IsFault)
            {
                if (client.Reply.FaultName == "ActionNotSupported")
                {
                    output.AddVerdict(new Verdict(VerdictKind.Probe, Severity.Info, "onvif.not-supported", "onvif",
                        "The camera does not offer " + action + ", so FlaxGuard could not " + purpose + "."));
                    return credentialsUnproven ? Stop : Skipped;
                }
                output.AddVerdict(Verdict.Unverified(Name, "the camera would not " + purpose + ": " + client.DescribeFault() + "."));
                return credentialsUnproven ? Stop : Skipped;
            }
            return Answered;
        }

        private static string DescribeSpan(long ms)
        {
            long minutes = ms / 60000;
            if (minutes < 120) return minutes.ToString() + " minutes";
            long hours = minutes / 60;
            if (hours < 72) return hours.ToString() + " hours";
            return (hours / 24).ToString() + " days";
        }
    }
}
