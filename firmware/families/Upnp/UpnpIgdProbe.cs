using System;
using System.Text;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Asks the router's UPnP Internet Gateway Device what it is and which ports it forwards from the
    /// internet into the network. Botnet implants and malware on the LAN open such forwards through UPnP
    /// without asking anyone, so every mapping is a fact, and one that appears after the baseline is drift.
    /// <para>
    /// Steps: SSDP M-SEARCH for InternetGatewayDevice:1 then :2, unicast to the device first and then to the
    /// multicast group, keeping only the checked device's answer; the device description from its LOCATION,
    /// never from another host; then GetExternalIPAddress and GetGenericPortMappingEntry 0, 1, 2, ... on the
    /// WAN connection service until the device answers UPnP error 713, with caps on entries and total time.
    /// </para>
    /// Facts: <c>upnp.igd</c> (present/absent), <c>upnp.device.*</c> (identity; no serial number or UDN),
    /// <c>upnp.external_ip</c> (Config), <c>upnp.map.PROTO.EXTPORT[.from.REMOTE]=CLIENT:PORT</c> (Exposure) and
    /// <c>upnp.mapping.PROTO.EXTPORT[.from.REMOTE].description/.enabled/.duration</c> (Config) and, for an enabled
    /// mapping that reaches a service botnets attack, <c>upnp.risky.PROTO.EXTPORT[.from.REMOTE]=SERVICE</c> (Exposure). Lease countdowns
    /// are volatile and never become facts; only whether a mapping is permanent or limited does.
    /// </summary>
    public sealed class UpnpIgdProbe : IProbe
    {
        private const int SpecifiedArrayIndexInvalid = 713;

        private const int ExternalIpArgument = 8;
        private static readonly string[] ControlArguments = new string[]
        {
            "NewRemoteHost", "NewExternalPort", "NewProtocol", "NewInternalPort",
            "NewInternalClient", "NewEnabled", "NewPortMappingDescription", "NewLeaseDuration",
            "NewExternalIPAddress",
        };

        private readonly UpnpOptions _options;

        public UpnpIgdProbe(UpnpOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.SsdpPort < 1 || options.SsdpPort > 65535) throw new ArgumentOutOfRangeException("options", "SSDP port must be between 1 and 65535");
            if (options.MaxMappings < 1 || options.MaxMappings > 4096) throw new ArgumentOutOfRangeException("options", "mapping cap must be between 1 and 4096");
            if (options.MulticastMx < 1 || options.MulticastMx > 5) throw new ArgumentOutOfRangeException("options", "MX must be between 1 and 5 seconds");
            if (options.MaxDatagramBytes < 256 || options.MaxDatagramBytes > 65507) throw new ArgumentOutOfRangeException("options", "datagram limit must be between 256 and 65507 bytes");
            if (options.MaxXmlDepth < 4 || options.MaxXmlDepth > 64) throw new ArgumentOutOfRangeException("options", "XML depth limit must be between 4 and 64");
            if (options.HttpTimeoutMs < 1 || options.TotalTimeMs < 1) throw new ArgumentOutOfRangeException("options", "time limits must be positive");
            _options = options;
        }

        public string Name { get { return "upnp-igd"; } }

        public string[] KeyPrefixes { get { return new string[] { "upnp." }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            long deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeMs;
            string server = null;
            UpnpUrl location;
            if (_options.DescriptionUrl != null)
            {
                location = UpnpUrl.Parse(_options.DescriptionUrl);
                if (location == null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "the configured UPnP description URL is not a plain http URL."));
                    return;
                }
            }
            else
            {
                if (context.UdpCollector == null && context.Udp == null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "this platform has no UDP to search for UPnP devices, and no description URL was given."));
                    return;
                }
                string failure;
                SsdpAnswerCollector found = Discover(context, deadline, out failure);
                if (failure != null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, failure));
                    return;
                }
                if (found.Problem != null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "the device at " + context.Host + " answered the UPnP search, but " + found.Problem + "."));
                    return;
                }
                if (found.Answer == null)
                {
                    ReportAbsent(context, output);
                    return;
                }
                server = found.Answer.Server;
                location = UpnpUrl.Parse(found.Answer.Location);
                if (location == null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "the device's SSDP answer gives a LOCATION that is not a plain http URL."));
                    return;
                }
            }
            if (!UpnpUrl.SameHost(location.Host, context.Host))
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP description is said to be on another host (" + FactText.Clean(location.Host, 64) + "), not on " + context.Host + "; FlaxGuard does not follow it there."));
                return;
            }

            output.AddFact("upnp.igd", "present", FactKind.Exposure);
            if (server != null) AddCleanFact(output, "upnp.device.server", server, FactKind.Firmware);

            UpnpDescription description = FetchDescription(context, location, deadline, output);
            if (description == null) return;
            AddCleanFact(output, "upnp.device.type", description.DeviceType, FactKind.Identity);
            AddCleanFact(output, "upnp.device.manufacturer", description.Manufacturer, FactKind.Identity);
            AddCleanFact(output, "upnp.device.model_name", description.ModelName, FactKind.Identity);
            AddCleanFact(output, "upnp.device.model_number", description.ModelNumber, FactKind.Firmware);
            AddCleanFact(output, "upnp.device.model_description", description.ModelDescription, FactKind.Identity);

            UpnpUrl control = ControlUrl(context, location, description, output);
            if (control == null) return;
            output.AddFact("upnp.device.wan_service", ShortServiceName(description.ServiceType), FactKind.Identity);

            UpnpControl soap = new UpnpControl(context, control, description.ServiceType, _options, deadline, ControlArguments);
            if (_options.ReportExternalIp)
            {
                ReadExternalAddress(soap, output);
                if (soap.OutOfTime) return;
            }
            ListMappings(soap, output);
        }

        /// <summary>Unicast to the device, then multicast; IGD:1 first, then IGD:2. Stops at the device's first answer.</summary>
        private SsdpAnswerCollector Discover(ProbeContext context, long deadline, out string failure)
        {
            failure = null;
            SsdpAnswerCollector collector = new SsdpAnswerCollector(context.Host, _options.MaxDatagramBytes);
            byte[] buffer = new byte[_options.MaxDatagramBytes + 1];
            string[] targets = new string[] { SsdpSearch.InternetGatewayDevice1, SsdpSearch.InternetGatewayDevice2 };
            if (_options.UseUnicast)
            {
                bool refused = false;
                for (int t = 0; t < targets.Length && !refused; t++)
                {
                    byte[] request = SsdpSearch.Build(context.Host, _options.SsdpPort, targets[t], 1);
                    for (int attempt = 0; attempt < _options.SearchAttempts; attempt++)
                    {
                        if (context.Clock.MonotonicMilliseconds >= deadline) return collector;
                        collector.Expect(targets[t]);
                        ConnectOutcome outcome = SearchUnicast(context, request, buffer, collector);
                        if (collector.Done) return collector;
                        if (outcome == ConnectOutcome.Refused)
                        {
                            // Port unreachable: nothing listens for SSDP there; asking again changes nothing.
                            refused = true;
                            break;
                        }
                        if (outcome != ConnectOutcome.Connected && outcome != ConnectOutcome.TimedOut)
                        {
                            failure = "could not send the UPnP search to " + context.Host + ": " + TransportText.Describe(outcome) + ".";
                            return collector;
                        }
                    }
                }
            }
            if (_options.UseMulticast && context.UdpCollector != null && context.Host.IndexOf(':') < 0)
            {
                for (int t = 0; t < targets.Length; t++)
                {
                    byte[] request = SsdpSearch.Build(UpnpOptions.MulticastGroup, 1900, targets[t], _options.MulticastMx);
                    for (int attempt = 0; attempt < _options.SearchAttempts; attempt++)
                    {
                        if (context.Clock.MonotonicMilliseconds >= deadline) return collector;
                        collector.Expect(targets[t]);
                        ConnectOutcome outcome;
                        int n = context.UdpCollector.Collect(UpnpOptions.MulticastGroup, _options.SsdpPort, request, 0, request.Length, buffer, _options.MaxDatagramsPerSearch, _options.MulticastWaitMs, collector, out outcome);
                        if (collector.Done) return collector;
                        if (n < 0)
                        {
                            failure = "could not send the UPnP multicast search: " + TransportText.Describe(outcome) + ".";
                            return collector;
                        }
                    }
                }
            }
            return collector;
        }

        private ConnectOutcome SearchUnicast(ProbeContext context, byte[] request, byte[] buffer, SsdpAnswerCollector collector)
        {
            ConnectOutcome outcome;
            if (context.UdpCollector != null)
            {
                int delivered = context.UdpCollector.Collect(context.Host, _options.SsdpPort, request, 0, request.Length, buffer, _options.MaxDatagramsPerSearch, _options.UnicastWaitMs, collector, out outcome);
                if (delivered >= 0 && outcome != ConnectOutcome.Refused) outcome = ConnectOutcome.Connected;
                return outcome;
            }
            int n = context.Udp.Exchange(context.Host, _options.SsdpPort, request, 0, request.Length, buffer, _options.UnicastWaitMs, out outcome);
            if (n >= 0) collector.Receive(context.Host, _options.SsdpPort, buffer, 0, n);
            return outcome;
        }

        private void ReportAbsent(ProbeContext context, ProbeOutput output)
        {
            output.AddFact("upnp.igd", "absent", FactKind.Exposure);
            output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.Info, "exposure.upnp-absent", "upnp.igd",
                "No UPnP Internet Gateway Device answered at " + context.Host + ", so programs on your network cannot open ports on it through UPnP."));
        }

        private UpnpDescription FetchDescription(ProbeContext context, UpnpUrl location, long deadline, ProbeOutput output)
        {
            long left = deadline - context.Clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the time allowed for the UPnP check ran out before the device description was read."));
                return null;
            }
            HttpRequest request = new HttpRequest("GET", location.ToString());
            request.TimeoutMs = left < _options.HttpTimeoutMs ? (int)left : _options.HttpTimeoutMs;
            request.MaxBodyBytes = _options.MaxDescriptionBytes;
            request.MaxHeaderBytes = 8 * 1024;
            request.AddHeader("Accept", "text/xml, application/xml");
            UpnpDescription description = new UpnpDescription();
            XmlScanner scanner = new XmlScanner(description, _options.MaxXmlDepth, 512, _options.MaxDescriptionBytes);
            HttpResponse response = context.Http.Send(request, scanner);
            string where = " at " + FactText.Clean(location.ToString(), 200);
            // An error page is an HTTP status, whatever its markup made the scanner say.
            if (response.Outcome == HttpOutcome.Completed && response.StatusCode != 200)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description" + where + ": " + TransportText.DescribeStatus(response.StatusCode) + "."));
                return null;
            }
            // The scanner's reason is the more precise one when it refused the document before the transport gave up.
            if (scanner.Error != null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description" + where + " " + scanner.Error + "."));
                return null;
            }
            if (response.Outcome != HttpOutcome.Completed)
            {
                output.AddVerdict(Verdict.Unverified(Name, "could not read the UPnP device description" + where + ": " + TransportText.Describe(response) + "."));
                return null;
            }
            if (!scanner.Finish())
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description" + where + " " + scanner.Error + "."));
                return null;
            }
            return description;
        }

        private UpnpUrl ControlUrl(ProbeContext context, UpnpUrl location, UpnpDescription description, ProbeOutput output)
        {
            if (description.ServiceType == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description lists no WANIPConnection or WANPPPConnection service with a control URL."));
                return null;
            }
            UpnpUrl baseUrl = location;
            if (description.UrlBase != null && description.UrlBase.Trim().Length > 0)
            {
                baseUrl = UpnpUrl.Parse(description.UrlBase);
                if (baseUrl == null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description has a URLBase that is not a plain http URL."));
                    return null;
                }
            }
            UpnpUrl control = baseUrl.Resolve(description.ControlUrl);
            if (control == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP device description has a control URL that is not a plain http URL or path."));
                return null;
            }
            if (!UpnpUrl.SameHost(control.Host, context.Host))
            {
                output.AddVerdict(Verdict.Unverified(Name, "the UPnP control URL is on another host (" + FactText.Clean(control.Host, 64) + "), not on " + context.Host + "; FlaxGuard does not follow it there."));
                return null;
            }
            return control;
        }

        private void ReadExternalAddress(UpnpControl soap, ProbeOutput output)
        {
            if (!soap.Call("GetExternalIPAddress", null, null))
            {
                output.AddVerdict(Verdict.Unverified(Name, "could not read the router's external address: " + soap.Problem + "."));
                return;
            }
            if (soap.Reply.IsFault)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the router would not tell its external address: " + soap.DescribeFault() + "."));
                return;
            }
            string address = soap.Reply.Value(ExternalIpArgument);
            address = address == null ? string.Empty : FactText.Clean(address, 64);
            // An empty answer means the WAN side has no address yet: nothing stable to record.
            if (address.Length > 0) output.AddFact("upnp.external_ip", address, FactKind.Config);
        }

        private void ListMappings(UpnpControl soap, ProbeOutput output)
        {
            for (int index = 0; index < _options.MaxMappings; index++)
            {
                if (!soap.Call("GetGenericPortMappingEntry", "NewPortMappingIndex", index.ToString()))
                {
                    output.AddVerdict(Verdict.Unverified(Name, "could not list every port mapping (stopped at entry " + index.ToString() + "): " + soap.Problem + "."));
                    return;
                }
                if (soap.Reply.IsFault)
                {
                    if (soap.Reply.ErrorCode == SpecifiedArrayIndexInvalid) return;
                    output.AddVerdict(Verdict.Unverified(Name, "the router would not list its port mappings (entry " + index.ToString() + "): " + soap.DescribeFault() + "."));
                    return;
                }
                PortMappingEntry entry = PortMappingEntry.FromReply(soap.Reply);
                if (entry.Problem != null)
                {
                    output.AddVerdict(Verdict.Unverified(Name, "port mapping entry " + index.ToString() + " " + entry.Problem + "."));
                    return;
                }
                string segment = entry.Protocol + "." + entry.ExternalPort.ToString();
                if (entry.RemoteHost.Length > 0) segment += ".from." + FactText.KeySegment(entry.RemoteHost, 64);
                string key = "upnp.map." + segment;
                if (output.Facts.Contains(key))
                {
                    output.AddVerdict(Verdict.Unverified(Name, "the router listed the same port mapping (" + segment + ") twice: the list changed during the check, or the router is not answering honestly."));
                    return;
                }
                AddMapping(output, entry, segment, key);
            }
            output.AddVerdict(Verdict.Unverified(Name, "the router listed " + _options.MaxMappings.ToString() + " port mappings without ending its list (UPnP error 713), so FlaxGuard stopped at its cap. A router with that many mappings, or one that never ends the list, needs a look."));
        }

        private void AddMapping(ProbeOutput output, PortMappingEntry entry, string segment, string key)
        {
            string target = entry.InternalClient + ":" + entry.InternalPort.ToString();
            output.AddFact(key, target, FactKind.Exposure);
            string detail = "upnp.mapping." + segment;
            if (entry.Description.Length > 0) output.AddFact(detail + ".description", entry.Description, FactKind.Config);
            output.AddFact(detail + ".enabled", entry.Enabled ? "yes" : "no", FactKind.Config);
            output.AddFact(detail + ".duration", entry.Permanent ? "permanent" : "limited", FactKind.Config);
            RiskyPort risky = entry.Enabled ? RiskyService(entry) : null;
            // Its own fact, so a new forward into a botnet-attacked service is critical drift while other new forwards are high.
            if (risky != null) output.AddFact("upnp.risky." + segment, risky.Service, FactKind.Exposure);
            output.AddVerdict(RateMapping(entry, key, target, risky));
        }

        /// <summary>The attacked service a mapping reaches (its internal port first, then its external one), or null.</summary>
        private static RiskyPort RiskyService(PortMappingEntry entry)
        {
            RiskyPort risky = RiskyPorts.Find(entry.InternalPort);
            if (risky == null || risky.Severity < Severity.Medium) risky = RiskyPorts.Find(entry.ExternalPort);
            return risky != null && risky.Severity >= Severity.Medium ? risky : null;
        }

        /// <summary>
        /// Every enabled forward from the internet into the network is Medium: UPnP lets any program on the LAN
        /// open one without asking. It is High when either port is one botnets attack (telnet, TR-069, ADB, ...).
        /// A disabled mapping forwards nothing yet and is Low.
        /// </summary>
        private static Verdict RateMapping(PortMappingEntry entry, string key, string target, RiskyPort risky)
        {
            // One builder for the whole sentence, sized to it (fixed words plus the device's text; the longest
            // ending is about 110 characters): this runs once per mapping, on a small heap.
            int capacity = 82 + target.Length + 112;
            if (entry.Description.Length > 0) capacity += entry.Description.Length + 4;
            if (entry.RemoteHost.Length > 0) capacity += entry.RemoteHost.Length + 11;
            StringBuilder what = new StringBuilder(capacity);
            what.Append("Port ").Append(entry.ExternalPort).Append(entry.Protocol == "tcp" ? "/TCP" : "/UDP");
            what.Append(" on the router's internet side is forwarded to ").Append(target).Append(" inside your network");
            if (entry.Description.Length > 0) what.Append(" (\"").Append(entry.Description).Append("\")");
            if (entry.RemoteHost.Length > 0) what.Append(", for ").Append(entry.RemoteHost).Append(" only");
            if (!entry.Enabled)
            {
                what.Append(", but the mapping is disabled.");
                return new Verdict(VerdictKind.Exposure, Severity.Low, "exposure.upnp-mapping", key, what.ToString());
            }
            if (risky != null)
            {
                what.Append(". It reaches ").Append(risky.Service).Append(", a service botnets attack; remove the mapping and find the program that made it.");
                return new Verdict(VerdictKind.Exposure, Severity.High, "exposure.upnp-mapping", key, what.ToString());
            }
            what.Append(". UPnP lets any program on your network open such a path without asking; remove it unless you know what made it.");
            return new Verdict(VerdictKind.Exposure, Severity.Medium, "exposure.upnp-mapping", key, what.ToString());
        }

        private static void AddCleanFact(ProbeOutput output, string key, string raw, FactKind kind)
        {
            if (raw == null) return;
            string clean = FactText.Clean(raw, 160);
            if (clean.Length > 0) output.AddFact(key, clean, kind);
        }

        private static string ShortServiceName(string serviceType)
        {
            const string prefix = "urn:schemas-upnp-org:service:";
            return Ordinal.StartsWith(serviceType, prefix) ? serviceType.Substring(prefix.Length) : serviceType;
        }
    }
}
