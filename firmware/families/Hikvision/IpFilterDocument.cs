using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/Network/ipFilter: &lt;IPFilter&gt; with &lt;enabled&gt;, the list's &lt;permissionType&gt; (allow:
    /// only the listed addresses may log in; deny: the listed ones may not) and &lt;IPFilterAddressList&gt; of
    /// &lt;IPFilterAddress&gt;, each holding its address under &lt;AddressMask&gt; (ipAddress or ipv6Address) or, on older
    /// firmware, a range under &lt;AddressRange&gt; (startIPAddress, endIPAddress). Each entry's address or range is kept.
    /// </summary>
    public sealed class IpFilterDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[] { "enabled", "permissionType", "id", "addressFilterType", "ipAddress", "ipv6Address", "startIPAddress", "endIPAddress", "bitMask" };

        private readonly int _maxEntries;
        private readonly ArrayList _entries = new ArrayList();
        private int _enabled = -1;
        private string _permission;
        private string _entry;

        public IpFilterDocument(int maxEntries)
        {
            _maxEntries = maxEntries;
        }

        public string RootName { get { return "IPFilter"; } }

        public bool Enabled { get { return _enabled == 1; } }

        /// <summary>allow or deny as the device wrote it (trimmed), or null.</summary>
        public string Permission { get { return _permission; } }

        /// <summary>Each entry's address, or "start-end" for a range, raw text.</summary>
        public ArrayList Entries { get { return _entries; } }

        public void Reset()
        {
            _entries.Clear();
            _enabled = -1;
            _permission = null;
            _entry = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
            if (scanner.Depth == 3 && scanner.LocalNameIs("IPFilterAddress")) _entry = null;
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 2)
            {
                if (scanner.LocalNameIs("enabled")) _enabled = IsapiField.TakeBoolean(scanner, _enabled, "enabled");
                else if (scanner.LocalNameIs("permissionType")) _permission = IsapiField.Take(scanner, _permission, "permissionType");
                return;
            }
            if (depth == 3 && scanner.LocalNameIs("IPFilterAddress"))
            {
                if (_entry == null) return;
                if (_entries.Count == _maxEntries)
                {
                    scanner.Reject("lists more than " + _maxEntries.ToString() + " filter entries");
                    return;
                }
                _entries.Add(_entry);
                _entry = null;
                return;
            }
            if (depth == 5 && scanner.LocalNameAtIs(3, "IPFilterAddress"))
            {
                bool single = scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address") || scanner.LocalNameIs("startIPAddress");
                bool end = scanner.LocalNameIs("endIPAddress");
                if (!single && !end) return;
                string value = IsapiField.Take(scanner, null, "ipAddress");
                if (value == null || value.Trim().Length == 0) return;
                _entry = _entry == null ? value.Trim() : _entry + (end ? "-" : ",") + value.Trim();
            }
        }

        public string Validate()
        {
            return _enabled < 0 ? "has no <enabled> switch" : null;
        }
    }
}
