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
    /// System/time), whether Hik-Connect cloud access is on (System/Network/EZVIZ), and (issue 13) ISUP/EHome
    /// platform access (System/Network/Ehome), UPnP, event push targets (Event/notification/httpHosts), DDNS and
    /// RTSP authentication (Security/RTSPCertificate). Botnets that take over cameras switch telnet or SSH on, add or
    /// promote accounts, change DNS and push targets; those settings become facts for drift.
    /// <para>
    /// deviceInfo and interfaces must be answered; the others may be missing on a model (404, or ISAPI
    /// "notSupport") and then give hikvision.support.NAME = no instead of a failed probe, so a camera without
    /// Security/users can still be baselined. Any other error, a refused or locked login, or an answer that is not a
    /// well-formed, bounded ISAPI document is "could not verify", and the probe stops at the first one: after a
    /// refused login it sends nothing more, because Hikvision devices lock out a client after a few failures.
    /// </para>
    /// Facts: <c>fw.vendor</c>, <c>fw.model</c>, <c>fw.version</c>, <c>fw.build</c>, <c>cfg.user.NAME=level</c>,
    /// <c>cfg.dns.server.ADDRESS</c> (interfaces with static addressing only), <c>cfg.service.telnet</c>/<c>ssh</c> (only while on), <c>cfg.ntp.server.SERVER</c>,
    /// <c>cfg.remote.hik-connect</c> (only while on), <c>cfg.admin.NAME</c>, <c>cfg.camera.ssh</c>, <c>cfg.remote.isup</c>,
    /// <c>cfg.upnp</c>, <c>cfg.push.HOST</c>, <c>cfg.ddns.PROVIDER</c>, <c>cfg.rtsp.auth</c> and <c>hikvision.*</c> extras. Never the password, the clock,
    /// the device's own address, its MAC, or the serial number in clear (only a digest, which still changes when the
    /// hardware is swapped; Hikvision's password-reset codes were derived from the serial, so it stays out of reports).
    /// </summary>
    public sealed partial class IsapiProbe : IProbe
    {
        public const string DeviceInfoPath = "/ISAPI/System/deviceInfo";
        public const string UsersPath = "/ISAPI/Security/users";
        public const string InterfacesPath = "/ISAPI/System/Network/interfaces";
        public const string TelnetPath = "/ISAPI/System/Network/telnetd";
        public const string SshPath = "/ISAPI/System/Network/ssh";
        public const string NtpServersPath = "/ISAPI/System/time/ntpServers";
        public const string TimePath = "/ISAPI/System/time";
        public const string CloudPath = "/ISAPI/System/Network/EZVIZ";
        public const string IsupPath = "/ISAPI/System/Network/Ehome";
        public const string UpnpPath = "/ISAPI/System/Network/UPnP";
        public const string PushPath = "/ISAPI/Event/notification/httpHosts";
        public const string DdnsPath = "/ISAPI/System/Network/DDNS";
        public const string RtspAuthPath = "/ISAPI/Security/RTSPCertificate";

        private const int MaxRecords = 16;
        private static readonly string[] IsupFields = new string[] { "enabled", "addressingFormatType", "hostName", "ipAddress", "ipv6Address", "portNo", "deviceID", "version", "registerStatus" };
        private static readonly string[] UpnpFields = new string[] { "enabled", "name" };
        private static readonly string[] RtspFields = new string[] { "certificateType" };
        private static readonly string[] PushFields = new string[] { "id", "url", "protocolType", "parameterFormatType", "addressingFormatType", "hostName", "ipAddress", "ipv6Address", "portNo", "httpAuthenticationMethod" };
        private static readonly string[] DdnsFields = new string[] { "id", "enabled", "provider", "deviceDomainName", "portNo", "userName" };
        private static readonly string[] DdnsServerParent = new string[] { "serverAddress" };
        private static readonly string[] AddressFields = new string[] { "hostName", "ipAddress", "ipv6Address" };

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
            get { return new string[] { "fw.", "cfg.", "hikvision." }; }
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
            session.Request = new HttpRequest("GET", "http://unset/");
            session.Origin = (_options.UseHttps ? "https://" : "http://") + context.UrlHost + ":" + _options.Port.ToString();
            session.Deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeMs;

            DeviceInfoDocument info = new DeviceInfoDocument();
            if (Fetch(session, DeviceInfoPath, info, false) != Read) return;
            AddDeviceFacts(output, info);

            // Some models (doorbells, older NVR firmware) have no account list: baselined without it, said so in a fact.
            UserListDocument users = new UserListDocument(_options.MaxUsers);
            int state = Fetch(session, UsersPath, users, true);
            if (state == Failed) return;
            if (state == NotSupported) output.AddFact("hikvision.support.users", "no", FactKind.Config);
            for (int i = 0; state == Read && i < users.Count; i++)
            {
                string name = FactText.KeySegment(users[i].Name, 64);
                string level = Ordinal.ToLowerAscii(FactText.Clean(users[i].Level, 32));
                output.AddFact("cfg.user." + name, level, FactKind.Config);
                // Promoting an operator to Administrator is as serious as a new administrator.
                if (level == "administrator") output.AddFact("cfg.admin." + name, level, FactKind.Config);
            }

            NetworkInterfacesDocument interfaces = new NetworkInterfacesDocument();
            if (Fetch(session, InterfacesPath, interfaces, false) != Read) return;
            AddNetworkFacts(output, interfaces);

            ServiceSwitchDocument telnet = new ServiceSwitchDocument("Telnetd");
            state = Fetch(session, TelnetPath, telnet, true);
            if (state == Failed) return;
            if (state == NotSupported) output.AddFact("hikvision.support.telnet", "no", FactKind.Config);
            if (state == Read && telnet.Enabled)
            {
                output.AddFact("cfg.service.telnet", "port=23 from=any", FactKind.Config);
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.High, "exposure.telnet-enabled", "cfg.service.telnet",
                    "Telnet is switched on in the camera's settings. Mirai-family botnets break into cameras through telnet; switch it off unless a technician needs it right now."));
            }

            ServiceSwitchDocument ssh = new ServiceSwitchDocument("SSH");
            state = Fetch(session, SshPath, ssh, true);
            if (state == Failed) return;
            if (state == NotSupported) output.AddFact("hikvision.support.ssh", "no", FactKind.Config);
            if (state == Read && ssh.Enabled)
            {
                output.AddFact("cfg.service.ssh", "port=22 from=any", FactKind.Config);
                // Cameras ship with SSH off; CVE-2021-36260 intruders switched it on to come back.
                output.AddFact("cfg.camera.ssh", "on", FactKind.Config);
            }

            NtpServersDocument ntp = new NtpServersDocument();
            state = FetchOptional(session, NtpServersPath, ntp, "ntp");
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

            if (_options.ReadCloudAccess)
            {
                ServiceSwitchDocument cloud = new ServiceSwitchDocument("EZVIZ");
                state = Fetch(session, CloudPath, cloud, true);
                if (state == Failed) return;
                if (state == Read && cloud.Enabled)
                {
                    string server = cloud.Server == null ? "default" : cloud.Server;
                    output.AddFact("cfg.remote.hik-connect", "cloud=" + FactText.Clean(server, 200), FactKind.Config);
                }
            }
            if (!ReadReach(session, output)) return;
            if (!ReadAccess(session, output)) return;
            ReadWebRoot(session, output);
        }

        /// <summary>
        /// Where the camera reaches out or lets others in: ISUP/EHome platform access (cfg.remote.isup), UPnP (cfg.upnp),
        /// event push targets (cfg.push.HOST), DDNS (cfg.ddns.PROVIDER) and how RTSP logins are checked (cfg.rtsp.auth).
        /// A resource the model lacks gives hikvision.support.NAME = no.
        /// </summary>
        private bool ReadReach(Session session, ProbeOutput output)
        {
            IsapiRecordsDocument isup = new IsapiRecordsDocument("Ehome", null, IsupFields, null, null, 1);
            int state = FetchOptional(session, IsupPath, isup, "isup");
            if (state == Failed) return false;
            if (state == Read && IsTrue(isup.Value(0, 0)))
            {
                string host = Server(isup.Value(0, 2), isup.Value(0, 3), isup.Value(0, 4));
                output.AddFact("cfg.remote.isup", "server=" + (host == null ? "unset" : host) + ":" + Number(isup.Value(0, 5)), FactKind.Config);
            }

            IsapiRecordsDocument upnp = new IsapiRecordsDocument("UPnP", null, UpnpFields, null, null, 1);
            state = FetchOptional(session, UpnpPath, upnp, "upnp");
            if (state == Failed) return false;
            if (state == Read && IsTrue(upnp.Value(0, 0))) output.AddFact("cfg.upnp", "on", FactKind.Config);

            IsapiRecordsDocument push = new IsapiRecordsDocument("HttpHostNotificationList", "HttpHostNotification", PushFields, null, null, MaxRecords);
            state = FetchOptional(session, PushPath, push, "push");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < push.Count; i++)
            {
                string host = Server(push.Value(i, 5), push.Value(i, 6), push.Value(i, 7));
                // Unused slots hold 0.0.0.0 or nothing.
                if (host == null) continue;
                string key = "cfg.push." + FactText.KeySegment(host, 100);
                if (output.Facts.Contains(key)) continue;
                string protocol = Ordinal.ToLowerAscii(FactText.Clean(push.Value(i, 2), 16));
                output.AddFact(key, "proto=" + (protocol.Length == 0 ? "http" : protocol) + " port=" + Number(push.Value(i, 8)) + " url=" + FactText.Clean(push.Value(i, 1), 100), FactKind.Config);
            }

            IsapiRecordsDocument ddns = new IsapiRecordsDocument("DDNSList", "DDNS", DdnsFields, DdnsServerParent, AddressFields, MaxRecords);
            state = FetchOptional(session, DdnsPath, ddns, "ddns");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < ddns.Count; i++)
            {
                if (!IsTrue(ddns.Value(i, 1))) continue;
                string provider = Ordinal.ToLowerAscii(FactText.Clean(ddns.Value(i, 2), 32));
                string key = "cfg.ddns." + FactText.KeySegment(provider.Length == 0 ? "unknown" : provider, 32);
                if (output.Facts.Contains(key)) continue;
                string server = Server(ddns.Value(i, DdnsFields.Length), ddns.Value(i, DdnsFields.Length + 1), ddns.Value(i, DdnsFields.Length + 2));
                output.AddFact(key, "server=" + (server == null ? "default" : server) + " domain=" + Ordinal.ToLowerAscii(FactText.Clean(ddns.Value(i, 3), 100)), FactKind.Config);
            }

            IsapiRecordsDocument rtsp = new IsapiRecordsDocument("RTSPCertificate", null, RtspFields, null, null, 1);
            state = FetchOptional(session, RtspAuthPath, rtsp, "rtsp-auth");
            if (state == Read)
            {
                string type = Ordinal.ToLowerAscii(FactText.Clean(rtsp.Value(0, 0), 32));
                output.AddFact("cfg.rtsp.auth", type.Length == 0 ? "unset" : type, FactKind.Config);
            }
            return state != Failed;
        }

        private int FetchOptional(Session session, string path, IIsapiDocument document, string name)
        {
            int state = Fetch(session, path, document, true);
            if (state == NotSupported) session.Output.AddFact("hikvision.support." + name, "no", FactKind.Config);
            return state;
        }

        private static bool IsTrue(string value)
        {
            return value != null && Ordinal.EqualsIgnoreAsciiCase(value.Trim(), "true");
        }

        // A host name or address in canonical form; null when unset (empty, 0.0.0.0, ::) or not an address.
        private static string Server(string hostName, string ipv4, string ipv6)
        {
            string host = hostName == null || hostName.Trim().Length == 0 ? null : IsapiAddress.NormalizeHostName(hostName);
            if (host != null && host.Length > 0) return host;
            string address = ipv4 == null || ipv4.Trim().Length == 0 ? null : IsapiAddress.Normalize(ipv4);
            if (address == null || address.Length == 0 || address == "0.0.0.0") address = ipv6 == null || ipv6.Trim().Length == 0 ? null : IsapiAddress.Normalize(ipv6);
            if (address == null || address.Length == 0 || address == "0.0.0.0" || address == "::") return null;
            return address;
        }

        private static string Number(string value)
        {
            string clean = FactText.Clean(value, 8);
            return clean.Length == 0 ? "default" : clean;
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
                // With DHCP addressing the camera shows the servers its DHCP server handed out, which rotate by themselves:
                // only statically configured servers are a setting someone made (and a DNS hijack when changed).
                if (nic.LearnsDnsByDhcp) continue;
                for (int k = 0; k < nic.DnsServerCount; k++)
                {
                    string key = "cfg.dns.server." + FactText.KeySegment(nic.DnsServer(k), 64);
                    if (!output.Facts.Contains(key)) output.AddFact(key, "configured", FactKind.Config);
                }
                // Same vocabulary as ONVIF's GetNetworkDefaultGateway: a gateway someone set sees all the camera's traffic.
                if (nic.Gateway != null)
                {
                    string gatewayKey = "cfg.gateway." + FactText.KeySegment(nic.Gateway, 64);
                    if (!output.Facts.Contains(gatewayKey)) output.AddFact(gatewayKey, "default", FactKind.Config);
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
            HttpRequest request = session.Request;
            request.Reset("GET", session.Origin, path);
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
                // Firmware without a resource answers 404, with a notSupport status report or a plain page.
                if (optional && response.StatusCode == 404) return NotSupported;
                if (complete && reply.IsResponseStatus)
                {
                    if (optional && IsapiStatus.IsNotSupported(reply.SubStatusCode)) return NotSupported;
                    Fail(session, "the device would not answer " + path + " (HTTP " + response.StatusCode.ToString() + "): " + IsapiStatus.Describe(reply.StatusCode, reply.StatusString, reply.SubStatusCode) + ".");
                    return Failed;
                }
                Fail(session, TransportText.DescribeStatus(response.StatusCode) + " to " + path + ", with " + TransportText.DescribeContent(response) + " and no ISAPI status report.");
                return Failed;
            }
            string contentType = response.GetHeader("Content-Type");
            if (!IsXmlType(contentType))
            {
                string shown = contentType == null ? "no Content-Type" : "Content-Type " + FactText.Clean(contentType, 64);
                Fail(session, "the answer to " + path + " is not XML (" + shown + "): it sent " + TransportText.DescribeContent(response) + ", so this is not an ISAPI device or it is not answering honestly.");
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
            // One request object refilled for every exchange (transports do not keep it after Send).
            public HttpRequest Request;
            public string Origin;
            public long Deadline;
        }
    }
}
