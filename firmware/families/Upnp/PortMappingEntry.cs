using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// One entry of GetGenericPortMappingEntry (WANIPConnection:1 section 2.4.14), checked field by field:
    /// protocol TCP or UDP, ports 0 to 65535, a plain internal client, a UPnP boolean, a numeric lease.
    /// </summary>
    public sealed class PortMappingEntry
    {
        /// <summary>The output arguments, in the order <see cref="FromReply"/> reads them.</summary>
        public static readonly string[] ArgumentNames = new string[]
        {
            "NewRemoteHost", "NewExternalPort", "NewProtocol", "NewInternalPort",
            "NewInternalClient", "NewEnabled", "NewPortMappingDescription", "NewLeaseDuration",
        };

        public const int MaxClientLength = 64;
        public const int MaxDescriptionLength = 256;

        private PortMappingEntry()
        {
        }

        /// <summary>What was wrong with the entry, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>"tcp" or "udp".</summary>
        public string Protocol { get; private set; }

        public int ExternalPort { get; private set; }

        public int InternalPort { get; private set; }

        public string InternalClient { get; private set; }

        /// <summary>The remote host the mapping is limited to, or empty for any host.</summary>
        public string RemoteHost { get; private set; }

        public bool Enabled { get; private set; }

        /// <summary>The description, decoded and cleaned for a fact (may be empty).</summary>
        public string Description { get; private set; }

        /// <summary>True when the lease is 0: the mapping stays until someone deletes it.</summary>
        public bool Permanent { get; private set; }

        public static PortMappingEntry FromReply(SoapReply reply)
        {
            PortMappingEntry e = new PortMappingEntry();
            string protocol = Trimmed(reply.Value(2));
            if (protocol == "TCP" || protocol == "tcp") e.Protocol = "tcp";
            else if (protocol == "UDP" || protocol == "udp") e.Protocol = "udp";
            else return e.Fail("has a protocol other than TCP or UDP");
            e.ExternalPort = ParseNumber(Trimmed(reply.Value(1)), 65535);
            if (e.ExternalPort < 0) return e.Fail("has an external port that is not a number from 0 to 65535");
            e.InternalPort = ParseNumber(Trimmed(reply.Value(3)), 65535);
            if (e.InternalPort < 0) return e.Fail("has an internal port that is not a number from 0 to 65535");
            e.InternalClient = Trimmed(reply.Value(4));
            if (!IsPlainHost(e.InternalClient)) return e.Fail("has an internal client that is not a plain address");
            string remote = Trimmed(reply.Value(0));
            e.RemoteHost = remote == null ? string.Empty : remote;
            if (e.RemoteHost.Length > 0 && !IsPlainHost(e.RemoteHost)) return e.Fail("has a remote host that is not a plain address");
            string enabled = Trimmed(reply.Value(5));
            if (enabled == "1" || enabled == "true" || enabled == "yes") e.Enabled = true;
            else if (enabled == "0" || enabled == "false" || enabled == "no") e.Enabled = false;
            else return e.Fail("has an enabled flag that is not a UPnP boolean");
            string lease = Trimmed(reply.Value(7));
            if (lease == null || lease.Length == 0 || lease.Length > 10) return e.Fail("has a lease duration that is not a number");
            for (int i = 0; i < lease.Length; i++)
            {
                if (lease[i] < '0' || lease[i] > '9') return e.Fail("has a lease duration that is not a number");
            }
            e.Permanent = ParseNumber(lease, 999999999) == 0;
            string description = reply.Value(6);
            if (description == null) return e.Fail("lacks its description argument");
            e.Description = FactText.Clean(description, MaxDescriptionLength);
            return e;
        }

        private PortMappingEntry Fail(string problem)
        {
            Problem = problem;
            return this;
        }

        private static string Trimmed(string value)
        {
            return value == null ? null : value.Trim();
        }

        private static int ParseNumber(string text, int max)
        {
            if (text == null || text.Length == 0 || text.Length > 10) return -1;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value > max ? -1 : (int)value;
        }

        /// <summary>An IP literal or host name: letters, digits, '.', ':', '-', '_', '%' only, bounded.</summary>
        private static bool IsPlainHost(string host)
        {
            if (host == null || host.Length == 0 || host.Length > MaxClientLength) return false;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-' || c == '_' || c == '%';
                if (!ok) return false;
            }
            return true;
        }
    }
}
