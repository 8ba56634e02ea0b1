using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Turns the values of each device-service answer into facts, checking every value's type on the way.
    /// Each method adds to a pending set and returns null, or returns what was wrong in plain words (the
    /// caller then adds nothing from that answer). Serial numbers, passwords and the clock never become facts.
    /// </summary>
    public static class OnvifAnswers
    {
        /// <summary>Every local name the answers below read; leaves under other names are skipped.</summary>
        public static readonly string[] Vocabulary = new string[]
        {
            "Manufacturer", "Model", "FirmwareVersion", "HardwareId",
            "User", "Username", "UserLevel",
            "NetworkProtocols", "Name", "Enabled", "Port",
            "DNSInformation", "NTPInformation", "FromDHCP", "SearchDomain", "DNSManual", "NTPManual", "IPv4Address", "IPv6Address", "DNSname",
            "SystemDateAndTime", "DateTimeType", "TimeZone", "TZ", "UTCDateTime", "Time", "Date", "Hour", "Minute", "Second", "Year", "Month", "Day",
            "DiscoveryMode", "DynamicDNSInformation", "Type", "TTL", "RemoteUser", "UseDerivedPassword", "NetworkGateway",
            "HostnameInformation", "Scopes", "ScopeDef", "ScopeItem",
            "IPAddressFilter", "Address", "PrefixLength",
        };

        /// <summary>At most this many filter addresses become facts; a camera listing more is refused, not cut short.</summary>
        public const int MaxFilterAddresses = 32;

        private static readonly string[] UserLevels = new string[] { "Administrator", "Operator", "User", "Anonymous", "Extended" };
        private static readonly string[] UserLevelFacts = new string[] { "administrator", "operator", "user", "anonymous", "extended" };
        private static readonly string[] DeviceInformationNames = new string[] { "Manufacturer", "Model", "FirmwareVersion", "HardwareId" };

        /// <summary>
        /// GetSystemDateAndTime: the date-time type and time zone as facts; the camera's UTC clock in
        /// <paramref name="cameraUnixMs"/> (-1 when the answer has none). The clock itself is never a fact.
        /// </summary>
        public static string ReadClock(OnvifReply reply, FactSet facts, out long cameraUnixMs)
        {
            cameraUnixMs = -1;
            string problem = Single(reply, "SystemDateAndTime/DateTimeType");
            if (problem != null) return problem;
            string type = reply.First("SystemDateAndTime/DateTimeType");
            if (type != null)
            {
                string t = type.Trim();
                if (t == "NTP") facts.Add("onvif.datetime-type", "ntp", FactKind.Config);
                else if (t == "Manual") facts.Add("onvif.datetime-type", "manual", FactKind.Config);
                else return "gives a date-time type (" + Quote(type) + ") that is neither Manual nor NTP";
            }
            string tz = reply.First("SystemDateAndTime/TimeZone/TZ");
            if (tz != null && FactText.Clean(tz, 64).Length > 0) facts.Add("onvif.timezone", FactText.Clean(tz, 64), FactKind.Config);

            const string utc = "SystemDateAndTime/UTCDateTime/";
            if (reply.CountOf(utc + "Date/Year") == 0) return null;
            int year = OnvifValues.ParseNumber(reply.First(utc + "Date/Year"), 9999);
            int month = OnvifValues.ParseNumber(reply.First(utc + "Date/Month"), 99);
            int day = OnvifValues.ParseNumber(reply.First(utc + "Date/Day"), 99);
            int hour = OnvifValues.ParseNumber(reply.First(utc + "Time/Hour"), 99);
            int minute = OnvifValues.ParseNumber(reply.First(utc + "Time/Minute"), 99);
            int second = OnvifValues.ParseNumber(reply.First(utc + "Time/Second"), 99);
            cameraUnixMs = OnvifTime.ToUnixMilliseconds(year, month, day, hour, minute, second);
            if (cameraUnixMs < 0) return "gives a UTC date and time that is not a valid date and time";
            return null;
        }

        /// <summary>GetDeviceInformation: fw.vendor (lower-case), fw.model, fw.version, and onvif.hardware-id. Never the serial number.</summary>
        public static string ReadDeviceInformation(OnvifReply reply, FactSet facts)
        {
            for (int i = 0; i < DeviceInformationNames.Length; i++)
            {
                string problem = Single(reply, DeviceInformationNames[i]);
                if (problem != null) return problem;
            }
            string vendor = Ordinal.ToLowerAscii(FactText.Clean(reply.First("Manufacturer"), 80));
            string model = FactText.Clean(reply.First("Model"), 80);
            string version = FactText.Clean(reply.First("FirmwareVersion"), 80);
            if (vendor.Length == 0 || model.Length == 0 || version.Length == 0) return "does not name the manufacturer, model and firmware version";
            facts.Add("fw.vendor", vendor, FactKind.Firmware);
            facts.Add("fw.model", model, FactKind.Firmware);
            facts.Add("fw.version", version, FactKind.Firmware);
            // HardwareId names the board revision, not the firmware build, so it stays an ONVIF extra.
            string hardware = FactText.Clean(reply.First("HardwareId"), 80);
            if (hardware.Length > 0) facts.Add("onvif.hardware-id", hardware, FactKind.Identity);
            return null;
        }

        /// <summary>GetUsers: cfg.user.NAME = level, lower-case (administrator, operator, user, anonymous, extended).</summary>
        public static string ReadUsers(OnvifReply reply, FactSet facts)
        {
            int n = reply.Count;
            int i = 0;
            while (i < n)
            {
                int group = reply.GroupAt(i);
                string name = null;
                string level = null;
                for (; i < n && reply.GroupAt(i) == group; i++)
                {
                    if (reply.PathIs(i, "User/Username"))
                    {
                        if (name != null) return "lists a user with two names";
                        name = reply.ValueAt(i).Trim();
                    }
                    else if (reply.PathIs(i, "User/UserLevel"))
                    {
                        if (level != null) return "lists a user with two levels";
                        level = reply.ValueAt(i);
                    }
                }
                if (name == null && level == null) continue;
                if (name == null || name.Length == 0 || level == null) return "lists a user without a name or without a level";
                string role = UserLevel(level);
                if (role == null) return "gives user " + Quote(name) + " the level " + Quote(level) + ", which ONVIF does not define";
                string key = "cfg.user." + FactText.KeySegment(name, 64);
                if (!facts.Add(key, role, FactKind.Config)) return "lists the user " + Quote(name) + " twice";
                // Raising an account to Administrator is as serious as a new administrator.
                if (role == "administrator") facts.Add("cfg.admin." + FactText.KeySegment(name, 64), role, FactKind.Config);
            }
            return null;
        }

        /// <summary>GetNetworkProtocols: cfg.service.NAME = "port=N[,M]" for each enabled protocol (http, https, rtsp).</summary>
        public static string ReadProtocols(OnvifReply reply, FactSet facts)
        {
            int n = reply.Count;
            int i = 0;
            int[] ports = new int[8];
            while (i < n)
            {
                int group = reply.GroupAt(i);
                string name = null;
                string enabledText = null;
                int portCount = 0;
                for (; i < n && reply.GroupAt(i) == group; i++)
                {
                    string value = reply.ValueAt(i);
                    if (reply.PathIs(i, "NetworkProtocols/Name"))
                    {
                        if (name != null) return "lists a protocol with two names";
                        name = value.Trim();
                    }
                    else if (reply.PathIs(i, "NetworkProtocols/Enabled"))
                    {
                        if (enabledText != null) return "lists a protocol with two Enabled values";
                        enabledText = value;
                    }
                    else if (reply.PathIs(i, "NetworkProtocols/Port"))
                    {
                        int port = OnvifValues.ParseNumber(value, 65535);
                        if (port < 1) return "gives a protocol port (" + Quote(value) + ") that is not a number from 1 to 65535";
                        if (portCount == ports.Length) return "lists more than " + ports.Length.ToString() + " ports for one protocol";
                        ports[portCount++] = port;
                    }
                }
                if (name == null && enabledText == null && portCount == 0) continue;
                if (name == null || !IsProtocolName(name)) return "lists a protocol without a proper name";
                bool enabled;
                if (!OnvifValues.TryParseBoolean(enabledText, out enabled)) return "says protocol " + Quote(name) + " is enabled " + Quote(enabledText) + ", which is not true or false";
                string key = "cfg.service." + Ordinal.ToLowerAscii(name);
                if (facts.Contains(key)) return "lists the protocol " + Quote(name) + " twice";
                if (!enabled) continue;
                if (portCount == 0) return "says protocol " + Quote(name) + " is enabled but gives no port";
                facts.Add(key, "port=" + SortedPorts(ports, portCount), FactKind.Config);
            }
            return null;
        }

        /// <summary>GetDNS: cfg.dns.server.ADDRESS = configured for each manual server; onvif.dns.from-dhcp; onvif.dns.search.DOMAIN.</summary>
        public static string ReadDns(OnvifReply reply, FactSet facts)
        {
            return ReadServers(reply, facts, "DNSInformation/FromDHCP", "DNSInformation/DNSManual/IPv4Address", "DNSInformation/DNSManual/IPv6Address",
                "DNSInformation/DNSManual/DNSname", "DNSInformation/SearchDomain", "cfg.dns.server.", "onvif.dns.");
        }

        /// <summary>GetNTP: cfg.ntp.server.ADDRESS-OR-NAME = configured for each manual server; onvif.ntp.from-dhcp.</summary>
        public static string ReadNtp(OnvifReply reply, FactSet facts)
        {
            return ReadServers(reply, facts, "NTPInformation/FromDHCP", "NTPInformation/NTPManual/IPv4Address", "NTPInformation/NTPManual/IPv6Address",
                "NTPInformation/NTPManual/DNSname", null, "cfg.ntp.server.", "onvif.ntp.");
        }

        /// <param name="searchDomainPath">Where search domains sit, or null when the answer has none.</param>
        private static string ReadServers(OnvifReply reply, FactSet facts, string fromDhcpPath, string ipv4Path, string ipv6Path, string namePath,
            string searchDomainPath, string serverPrefix, string extraPrefix)
        {
            string problem = Single(reply, fromDhcpPath);
            if (problem != null) return problem;
            bool fromDhcp;
            if (!OnvifValues.TryParseBoolean(reply.First(fromDhcpPath), out fromDhcp)) return "does not say with true or false whether the servers come from DHCP";
            facts.Add(extraPrefix + "from-dhcp", fromDhcp ? "on" : "off", FactKind.Config);
            for (int i = 0; i < reply.Count; i++)
            {
                string value = reply.ValueAt(i);
                string server = null;
                if (reply.PathIs(i, ipv4Path) || reply.PathIs(i, ipv6Path))
                {
                    server = OnvifValues.NormalizeAddress(value);
                    if (server == null) return "lists a server address (" + Quote(value) + ") that is not an IP address";
                }
                else if (reply.PathIs(i, namePath))
                {
                    server = OnvifValues.NormalizeHostName(value);
                    if (server == null) return "lists a server name (" + Quote(value) + ") that is not a host name";
                }
                else if (searchDomainPath != null && reply.PathIs(i, searchDomainPath))
                {
                    string domain = OnvifValues.NormalizeHostName(value);
                    if (domain == null) return "lists a search domain (" + Quote(value) + ") that is not a domain name";
                    facts.Add(extraPrefix + "search." + FactText.KeySegment(domain, 100), "configured", FactKind.Config);
                    continue;
                }
                // The same server listed twice is harmless; the set keeps one.
                if (server != null) facts.Add(serverPrefix + FactText.KeySegment(server, 100), "configured", FactKind.Config);
            }
            return null;
        }

        /// <summary>GetDiscoveryMode: cfg.discovery = discoverable or nondiscoverable (WS-Discovery answers on the LAN).</summary>
        public static string ReadDiscoveryMode(OnvifReply reply, FactSet facts)
        {
            string problem = Single(reply, "DiscoveryMode");
            if (problem != null) return problem;
            string mode = reply.First("DiscoveryMode");
            if (mode == null) return "does not give the discovery mode";
            string t = mode.Trim();
            if (Ordinal.EqualsIgnoreAsciiCase(t, "Discoverable")) facts.Add("cfg.discovery", "discoverable", FactKind.Config);
            else if (Ordinal.EqualsIgnoreAsciiCase(t, "NonDiscoverable")) facts.Add("cfg.discovery", "nondiscoverable", FactKind.Config);
            else return "gives a discovery mode (" + Quote(mode) + ") that is neither Discoverable nor NonDiscoverable";
            return null;
        }

        /// <summary>GetDynamicDNS: cfg.ddns.onvif = "type=T name=N" unless the type is NoUpdate. The TTL is not kept.</summary>
        public static string ReadDynamicDns(OnvifReply reply, FactSet facts)
        {
            string problem = Single(reply, "DynamicDNSInformation/Type");
            if (problem == null) problem = Single(reply, "DynamicDNSInformation/Name");
            if (problem != null) return problem;
            string type = reply.First("DynamicDNSInformation/Type");
            if (type == null) return "does not give the dynamic DNS type";
            string t = type.Trim();
            if (Ordinal.EqualsIgnoreAsciiCase(t, "NoUpdate")) return null;
            if (!Ordinal.EqualsIgnoreAsciiCase(t, "ClientUpdates") && !Ordinal.EqualsIgnoreAsciiCase(t, "ServerUpdates")) return "gives a dynamic DNS type (" + Quote(type) + ") that ONVIF does not define";
            string name = reply.First("DynamicDNSInformation/Name");
            string host = name == null || name.Trim().Length == 0 ? "unset" : OnvifValues.NormalizeHostName(name);
            if (host == null) return "gives a dynamic DNS name (" + Quote(name) + ") that is not a host name";
            facts.Add("cfg.ddns.onvif", "type=" + Ordinal.ToLowerAscii(t) + " name=" + host, FactKind.Config);
            return null;
        }

        /// <summary>
        /// GetRemoteUser: cfg.remote-user = the user name the camera presents to remote services (with " derived"
        /// when it uses a derived password); no fact when none is set. The password is never asked for by ONVIF's GET.
        /// </summary>
        public static string ReadRemoteUser(OnvifReply reply, FactSet facts)
        {
            string problem = Single(reply, "RemoteUser/Username");
            if (problem != null) return problem;
            string name = reply.First("RemoteUser/Username");
            if (name == null || name.Trim().Length == 0) return null;
            bool derived = false;
            string flag = reply.First("RemoteUser/UseDerivedPassword");
            if (flag != null && !OnvifValues.TryParseBoolean(flag, out derived)) return "says UseDerivedPassword " + Quote(flag) + ", which is not true or false";
            facts.Add("cfg.remote-user", FactText.Clean(name.Trim(), 64) + (derived ? " derived" : ""), FactKind.Config);
            return null;
        }

        /// <summary>GetNetworkDefaultGateway: cfg.gateway.ADDRESS = default for each IPv4 and IPv6 gateway.</summary>
        public static string ReadDefaultGateway(OnvifReply reply, FactSet facts)
        {
            for (int i = 0; i < reply.Count; i++)
            {
                if (!reply.PathIs(i, "NetworkGateway/IPv4Address") && !reply.PathIs(i, "NetworkGateway/IPv6Address")) continue;
                string value = reply.ValueAt(i);
                if (value.Trim().Length == 0) continue;
                string address = OnvifValues.NormalizeAddress(value);
                if (address == null) return "gives a gateway (" + Quote(value) + ") that is not an IP address";
                facts.Add("cfg.gateway." + FactText.KeySegment(address, 64), "default", FactKind.Config);
            }
            return null;
        }

        /// <summary>
        /// GetHostname: onvif.hostname = the name (lower case) the camera gives itself, or "from-dhcp" when it takes the name
        /// from DHCP (then the name is the DHCP server's to change, not a setting).
        /// </summary>
        public static string ReadHostname(OnvifReply reply, FactSet facts)
        {
            string problem = Single(reply, "HostnameInformation/FromDHCP");
            if (problem == null) problem = Single(reply, "HostnameInformation/Name");
            if (problem != null) return problem;
            bool fromDhcp;
            if (!OnvifValues.TryParseBoolean(reply.First("HostnameInformation/FromDHCP"), out fromDhcp)) return "does not say with true or false whether the name comes from DHCP";
            if (fromDhcp)
            {
                facts.Add("onvif.hostname", "from-dhcp", FactKind.Config);
                return null;
            }
            string name = reply.First("HostnameInformation/Name");
            string host = name == null || name.Trim().Length == 0 ? "unset" : OnvifValues.NormalizeHostName(name);
            if (host == null) return "gives a host name (" + Quote(name) + ") that is not a host name";
            facts.Add("onvif.hostname", host, FactKind.Config);
            return null;
        }

        /// <summary>
        /// GetScopes: onvif.scope.URI = configurable for each Configurable scope (name, location and the like, which
        /// WS-Discovery announces and anyone with the right can set); the firmware's Fixed scopes are not kept.
        /// </summary>
        public static string ReadScopes(OnvifReply reply, FactSet facts)
        {
            int n = reply.Count;
            int i = 0;
            while (i < n)
            {
                int group = reply.GroupAt(i);
                string definition = null;
                string item = null;
                for (; i < n && reply.GroupAt(i) == group; i++)
                {
                    if (reply.PathIs(i, "Scopes/ScopeDef"))
                    {
                        if (definition != null) return "lists a scope with two definitions";
                        definition = reply.ValueAt(i).Trim();
                    }
                    else if (reply.PathIs(i, "Scopes/ScopeItem"))
                    {
                        if (item != null) return "lists a scope with two items";
                        item = reply.ValueAt(i).Trim();
                    }
                }
                if (definition == null && item == null) continue;
                if (definition == null || item == null || item.Length == 0) return "lists a scope without a definition or an item";
                if (Ordinal.EqualsIgnoreAsciiCase(definition, "Fixed")) continue;
                if (!Ordinal.EqualsIgnoreAsciiCase(definition, "Configurable")) return "gives a scope definition (" + Quote(definition) + ") that is neither Fixed nor Configurable";
                facts.Add("onvif.scope." + FactText.KeySegment(FactText.Clean(item, 200), 120), "configurable", FactKind.Config);
            }
            return null;
        }

        /// <summary>
        /// GetIPAddressFilter (tt:IPAddressFilter: Type Allow or Deny, then IPv4Address and IPv6Address entries of Address
        /// and PrefixLength): cfg.camera.ipfilter = allow, deny, or off when no address is listed, and
        /// cfg.camera.ipfilter.ADDRESS[/PREFIX] = allow or deny per entry (the prefix only when narrower than one host).
        /// The keys are Hikvision's, so one set of rules rates both: a filter switched off or an entry changed is high.
        /// </summary>
        public static string ReadIpAddressFilter(OnvifReply reply, FactSet facts)
        {
            string problem = Single(reply, "IPAddressFilter/Type");
            if (problem != null) return problem;
            string type = reply.First("IPAddressFilter/Type");
            if (type == null) return "has no filter type";
            string mode;
            if (Ordinal.EqualsIgnoreAsciiCase(type.Trim(), "Allow")) mode = "allow";
            else if (Ordinal.EqualsIgnoreAsciiCase(type.Trim(), "Deny")) mode = "deny";
            else return "gives a filter type (" + Quote(type) + ") that is neither Allow nor Deny";
            string address = null;
            int hostBits = 0;
            int listed = 0;
            for (int i = 0; i < reply.Count; i++)
            {
                bool v4 = reply.PathIs(i, "IPAddressFilter/IPv4Address/Address");
                if (v4 || reply.PathIs(i, "IPAddressFilter/IPv6Address/Address"))
                {
                    if (address != null) return "lists a filter address without its prefix length";
                    string value = reply.ValueAt(i);
                    address = OnvifValues.NormalizeAddress(value);
                    if (address == null) return "gives a filter address (" + Quote(value) + ") that is not an IP address";
                    if (address.IndexOf(':') >= 0 == v4) return "gives a filter address (" + Quote(value) + ") of the other IP version";
                    hostBits = v4 ? 32 : 128;
                    continue;
                }
                if (!reply.PathIs(i, "IPAddressFilter/IPv4Address/PrefixLength") && !reply.PathIs(i, "IPAddressFilter/IPv6Address/PrefixLength")) continue;
                if (address == null) return "gives a prefix length without a filter address";
                int prefix = OnvifValues.ParseNumber(reply.ValueAt(i), hostBits);
                if (prefix < 0) return "gives a prefix length (" + Quote(reply.ValueAt(i)) + ") that is not a number from 0 to " + hostBits.ToString();
                if (listed == MaxFilterAddresses) return "lists more than " + MaxFilterAddresses.ToString() + " filter addresses";
                string entry = prefix == hostBits ? address : address + "/" + prefix.ToString();
                facts.Add("cfg.camera.ipfilter." + FactText.KeySegment(entry, 64), mode, FactKind.Config);
                listed++;
                address = null;
            }
            if (address != null) return "lists a filter address without its prefix length";
            facts.Add("cfg.camera.ipfilter", listed == 0 ? "off" : mode, FactKind.Config);
            return null;
        }

        private static string Single(OnvifReply reply, string path)
        {
            return reply.CountOf(path) > 1 ? "repeats " + path : null;
        }

        private static string UserLevel(string level)
        {
            string t = level.Trim();
            for (int i = 0; i < UserLevels.Length; i++)
            {
                if (Ordinal.EqualsIgnoreAsciiCase(t, UserLevels[i])) return UserLevelFacts[i];
            }
            return null;
        }

        private static bool IsProtocolName(string name)
        {
            if (name.Length == 0 || name.Length > 16) return false;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) return false;
            }
            return true;
        }

        private static string SortedPorts(int[] ports, int count)
        {
            // Insertion sort: a handful of ports, and reordering by the camera must not read as a change.
            for (int i = 1; i < count; i++)
            {
                int p = ports[i];
                int j = i - 1;
                while (j >= 0 && ports[j] > p)
                {
                    ports[j + 1] = ports[j];
                    j--;
                }
                ports[j + 1] = p;
            }
            string text = string.Empty;
            for (int i = 0; i < count; i++)
            {
                if (i > 0 && ports[i] == ports[i - 1]) continue;
                text += (text.Length > 0 ? "," : "") + ports[i].ToString();
            }
            return text;
        }

        private static string Quote(string raw)
        {
            return "\"" + FactText.Clean(raw, 40) + "\"";
        }
    }
}
