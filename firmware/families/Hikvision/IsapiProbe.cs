using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Reads a Hikvision camera's or NVR's firmware and security settings over ISAPI with HTTP Digest: what it is
    /// (System/deviceInfo), who can log in (Security/users), which DNS servers it uses (System/Network/interfaces),
    /// whether telnet and SSH are on (System/Network/telnetd, /ssh), its time servers (System/time/ntpServers,
    /// System/time) and whether Hik-Connect cloud access is on (System/Network/EZVIZ). Botnets that take over
    /// cameras switch telnet on, add accounts and change DNS; those settings become facts for drift.
    /// <para>
    /// deviceInfo, users and interfaces must be answered; the others may be missing on a model (ISAPI
    /// "notSupport") and then give no fact. Any other error, a refused or locked login, or an answer that is not a
    /// well-formed, bounded ISAPI document is "could not verify", and the probe stops at the first one: after a
    /// refused login it sends nothing more, because Hikvision devices lock out a client after a few failures.
    /// </para>
    /// Facts: <c>fw.vendor</c>, <c>fw.model</c>, <c>fw.version</c>, <c>fw.build</c>, <c>cfg.user.NAME=level</c>,
    /// <c>cfg.dns.server.ADDRESS</c>, <c>cfg.service.telnet</c>/<c>ssh</c> (only while on), <c>cfg.ntp.server.SERVER</c>,
    /// <c>cfg.remote.hik-connect</c> (only while on) and <c>hikvision.*</c> extras. Never the password, the clock,
    /// the device's own address, its MAC, or the serial number in clear (only a digest, which still changes when the
    /// hardware is swapped; Hikvision's password-reset codes were derived from the serial, so it stays out of reports).
    /// </summary>
    public sealed class IsapiProbe : IProbe
    {
        public const string DeviceInfoPath = "/ISAPI/System/deviceInfo";
        public const string UsersPath = "/ISAPI/Security/users";
        public const string InterfacesPath = "/ISAPI/System/Network/interfaces";
        public const string TelnetPath = "/ISAPI/System/Network/telnetd";
        public const string SshPath = "/ISAPI/System/Network/ssh";
        public const string NtpServersPath = "/ISAPI/System/time/ntpServers";
        public const string TimePath = "/ISAPI/System/time";
        public const string CloudPath = "/ISAPI/System/Network/EZVIZ";

        private const int Read = 0;
        private const int NotSupported = 1;
        private const int Failed = 2;

        private const int MaxTextBytes = 512;

        private readonly IsapiOptions _options;

        public IsapiProbe(IsapiOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Credentials == null) throw new ArgumentException("credentials are required", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.RequestTimeoutMs < 1 || options.TotalTimeMs < 1) throw new ArgumentOutOfRangeException("options", "time limits must be positive");
            if (options.MaxBodyBytes < 1024 || options.MaxBodyBytes > 1024 * 1024) throw new ArgumentOutOfRangeException("options", "body limit must be between 1 KiB and 1 MiB");
            if (options.MaxXmlDepth < 6 || options.MaxXmlDepth > 64) throw new ArgumentOutOfRangeException("options", "XML depth limit must be between 6 and 64");
            if (options.MaxUsers < 1 || options.MaxUsers > 1024) throw new ArgumentOutOfRangeException("options", "user cap must be between 1 and 1024");
            _options = options;
        }

        public string Name { get { return "hikvision-isapi"; } }

        public string[] KeyPrefixes
        {
            get { return new string[] { "fw.", "cfg.user.", "cfg.dns.", "cfg.service.", "cfg.ntp.", "cfg.remote.", "hikvision." }; }
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
                output.AddVerdict(Verdict.Unverified(Name, "this platform gives no random source for HTTP Digest client nonces."));
                return;
            }
            AuthenticatedHttp http = new AuthenticatedHttp(context.Http, _options.Credentials, context.Random);
            http.MaxChallengeBodyBytes = _options.MaxBodyBytes;
            Session session = new Session();
            session.Http = http;
            session.Context = context;
            session.Output = output;
            session.Reply = new IsapiReply(_options.MaxXmlDepth, MaxTextBytes, _options.MaxBodyBytes);
            session.Origin = (_options.UseHttps ? "https://" : "http://") + context.UrlHost + ":" + _options.Port.ToString();
            session.Deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeMs;

            DeviceInfoDocument info = new DeviceInfoDocument();
            if (Fetch(session, DeviceInfoPath, info, false) != Read) return;
            AddDeviceFacts(output, info);

            UserListDocument users = new UserListDocument(_options.MaxUsers);
            if (Fetch(session, UsersPath, users, false) != Read) return;
            for (int i = 0; i < users.Count; i++)
            {
                output.AddFact("cfg.user." + FactText.KeySegment(users[i].Name, 64), Ordinal.ToLowerAscii(FactText.Clean(users[i].Level, 32)), FactKind.Config);
            }

            NetworkInterfacesDocument interfaces = new NetworkInterfacesDocument();
            if (Fetch(session, InterfacesPath, interfaces, false) != Read) return;
            AddNetworkFacts(output, interfaces);

            ServiceSwitchDocument telnet = new ServiceSwitchDocument("Telnetd");
            int state = Fetch(session, TelnetPath, telnet, true);
            if (state == Failed) return;
            if (state == Read && telnet.Enabled)
            {
                output.AddFact("cfg.service.telnet", "port=23 from=any", FactKind.Config);
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.High, "exposure.telnet-enabled", "cfg.service.telnet",
                    "Telnet is switched on in the camera's settings. Mirai-family botnets break into cameras through telnet; switch it off unless a technician needs it right now."));
            }

            ServiceSwitchDocument ssh = new ServiceSwitchDocument("SSH");
            state = Fetch(session, SshPath, ssh, true);
            if (state == Failed) return;
            if (state == Read && ssh.Enabled) output.AddFact("cfg.service.ssh", "port=22 from=any", FactKind.Config);

            NtpServersDocument ntp = new NtpServersDocument();
            state = Fetch(session, NtpServersPath, ntp, true);
            if (state == Failed) return;
            for (int i = 0; state == Read && i < ntp.Count; i++)
            {
                output.AddFact("cfg.ntp.server." + FactText.KeySegment(ntp[i], 100), "configured", FactKind.Config);
            }

            TimeDocument time = new TimeDocument();
            state = Fetch(session, TimePath, time, true);
            if (state == Failed) return;
            if (state == Read)
            {
                output.AddFact("hikvision.time.mode", FactText.Clean(time.Mode, 32), FactKind.Config);
                AddCleanFact(output, "hikvision.time.zone", time.Zone, FactKind.Config);
            }

            if (!_options.ReadCloudAccess) return;
            ServiceSwitchDocument cloud = new ServiceSwitchDocument("EZVIZ");
            state = Fetch(session, CloudPath, cloud, true);
            if (state == Read && cloud.Enabled)
            {
                string server = cloud.Server == null ? "default" : cloud.Server;
                output.AddFact("cfg.remote.hik-connect", "cloud=" + FactText.Clean(server, 200), FactKind.Config);
            }
        }

        private static void AddDeviceFacts(ProbeOutput output, DeviceInfoDocument info)
        {
            string vendor = info.Manufacturer == null || info.Manufacturer.Length == 0 ? "hikvision" : Ordinal.ToLowerAscii(FactText.Clean(info.Manufacturer, 64));
            output.AddFact("fw.vendor", vendor, FactKind.Identity);
            AddCleanFact(output, "fw.model", info.Model, FactKind.Identity);
            AddCleanFact(output, "fw.version", info.FirmwareVersion, FactKind.Firmware);
            AddCleanFact(output, "fw.build", info.FirmwareReleasedDate, FactKind.Firmware);
            AddCleanFact(output, "hikvision.device-type", info.DeviceType, FactKind.Identity);
            AddCleanFact(output, "hikvision.device-name", info.DeviceName, FactKind.Config);
            AddCleanFact(output, "hikvision.hardware-version", info.HardwareVersion, FactKind.Identity);
            if (info.EncoderVersion != null && info.EncoderVersion.Length > 0)
            {
                string encoder = info.EncoderReleasedDate == null || info.EncoderReleasedDate.Length == 0 ? info.EncoderVersion : info.EncoderVersion + " " + info.EncoderReleasedDate;
                AddCleanFact(output, "hikvision.encoder", encoder, FactKind.Firmware);
            }
            if (info.SerialNumber != null && info.SerialNumber.Length > 0)
            {
                byte[] digest = Crypto.Sha256.Hash(Utf8.GetBytes(info.SerialNumber));
                output.AddFact("hikvision.serial-digest", Hex.Encode(digest, 0, 8), FactKind.Identity);
            }
        }

        private static void AddNetworkFacts(ProbeOutput output, NetworkInterfacesDocument interfaces)
        {
            for (int i = 0; i < interfaces.Count; i++)
            {
                IsapiInterface nic = interfaces[i];
                if (nic.Addressing != null) output.AddFact("hikvision.net." + FactText.KeySegment(nic.Id, 16) + ".addressing", FactText.Clean(nic.Addressing, 32), FactKind.Config);
                for (int k = 0; k < nic.DnsServerCount; k++)
                {
                    string key = "cfg.dns.server." + FactText.KeySegment(nic.DnsServer(k), 64);
                    if (!output.Facts.Contains(key)) output.AddFact(key, "configured", FactKind.Config);
                }
            }
        }

        /// <summary>GETs one resource into <paramref name="document"/>: Read, NotSupported (optional resources only) or Failed with a verdict added.</summary>
        private int Fetch(Session session, string path, IIsapiDocument document, bool optional)
        {
            long left = session.Deadline - session.Context.Clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                Fail(session, "the time allowed for the Hikvision check ran out before " + path + " was read.");
                return Failed;
            }
            HttpRequest request = new HttpRequest("GET", session.Origin + path);
            request.TimeoutMs = left < _options.RequestTimeoutMs ? (int)left : _options.RequestTimeoutMs;
            request.MaxBodyBytes = _options.MaxBodyBytes;
            request.MaxHeaderBytes = 16 * 1024;
            request.AddHeader("Accept", "application/xml, text/xml");
            IsapiReply reply = session.Reply;
            reply.Begin(document);
            AuthenticatedResponse result = session.Http.Send(request, reply);

            if (result.Outcome == AuthOutcome.CredentialsRefused)
            {
                // A locked account refuses even the right password: only a plain refusal says the credentials changed.
                if (!reply.RefusalSaidLocked) session.Output.MarkCredentialsRefused();
                Fail(session, RefusalReason(reply));
                return Failed;
            }
            if (result.Outcome != AuthOutcome.Completed)
            {
                // The parser's reason is the more precise one when it refused the document before the transport gave up.
                HttpResponse partial = result.Response;
                if (reply.Error != null)
                    Fail(session, "the answer to " + path + " " + reply.Error + ".");
                else if (partial != null && partial.Outcome == HttpOutcome.BodyTooLarge)
                    Fail(session, "the answer to " + path + " is larger than " + _options.MaxBodyBytes.ToString() + " bytes, far more than any ISAPI document; FlaxGuard stopped reading it.");
                else
                    Fail(session, "could not read " + path + ": " + result.Reason + ".");
                return Failed;
            }

            HttpResponse response = result.Response;
            bool complete = reply.Finish();
            if (response.StatusCode != 200)
            {
                if (complete && reply.IsResponseStatus)
                {
                    if (optional && IsapiStatus.IsNotSupported(reply.SubStatusCode)) return NotSupported;
                    Fail(session, "the device would not answer " + path + " (HTTP " + response.StatusCode.ToString() + "): " + IsapiStatus.Describe(reply.StatusCode, reply.StatusString, reply.SubStatusCode) + ".");
                    return Failed;
                }
                Fail(session, "the device answered " + path + " with HTTP status " + response.StatusCode.ToString() + " and no ISAPI status report.");
                return Failed;
            }
            string contentType = response.GetHeader("Content-Type");
            if (!IsXmlType(contentType))
            {
                string shown = contentType == null ? "no Content-Type" : "Content-Type " + FactText.Clean(contentType, 64);
                Fail(session, "the answer to " + path + " is not XML (" + shown + "), so this is not an ISAPI device or it is not answering honestly.");
                return Failed;
            }
            if (!complete)
            {
                Fail(session, "the answer to " + path + " " + reply.Error + ".");
                return Failed;
            }
            if (reply.IsResponseStatus)
            {
                Fail(session, "the device answered " + path + " with a status report instead of the settings: " + IsapiStatus.Describe(reply.StatusCode, reply.StatusString, reply.SubStatusCode) + ".");
                return Failed;
            }
            if (!reply.IsDocument)
            {
                Fail(session, "the device answered " + path + " with a login status instead of the settings.");
                return Failed;
            }
            return Read;
        }

        private string RefusalReason(IsapiReply reply)
        {
            if (!reply.RefusalSaidLocked)
            {
                return AuthenticatedHttp.RefusedReason + " (HTTP 401 to the Digest login as user " + FactText.Clean(_options.Credentials.Username, 64)
                    + "). Check the user name and password FlaxGuard has for this device; FlaxGuard sent no more logins, because the device locks out a client after a few failures.";
            }
            string wait = string.Empty;
            int seconds = ParseSeconds(reply.RefusalUnlockSeconds);
            if (seconds > 0) wait = " It says it will accept logins again in about " + ((seconds + 59) / 60).ToString() + " minute(s).";
            return "the device locked the account after too many failed logins, so it refuses even the right password for now." + wait
                + " FlaxGuard sent no more logins so as not to prolong the lock. If nobody you know mistyped the password, someone may be guessing it.";
        }

        private static int ParseSeconds(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 7) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static bool IsXmlType(string contentType)
        {
            return MediaType.Is(contentType, "application/xml") || MediaType.Is(contentType, "text/xml");
        }

        private void Fail(Session session, string reason)
        {
            session.Output.AddVerdict(Verdict.Unverified(Name, reason));
        }

        private static void AddCleanFact(ProbeOutput output, string key, string raw, FactKind kind)
        {
            if (raw == null) return;
            string clean = FactText.Clean(raw, 160);
            if (clean.Length > 0) output.AddFact(key, clean, kind);
        }

        /// <summary>What one run shares between its requests.</summary>
        private sealed class Session
        {
            public AuthenticatedHttp Http;
            public ProbeContext Context;
            public ProbeOutput Output;
            public IsapiReply Reply;
            public string Origin;
            public long Deadline;
        }
    }
}
