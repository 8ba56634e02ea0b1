using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/time: &lt;Time&gt; with timeMode (NTP, manual, ...), localTime and timeZone. Only the mode
    /// and the zone are settings; localTime is the clock itself and is never kept.
    /// </summary>
    public sealed class TimeDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[] { "timeMode", "localTime", "timeZone", "timeType" };

        private string _mode;
        private string _zone;

        public string RootName { get { return "Time"; } }

        /// <summary>timeMode in lower case.</summary>
        public string Mode { get { return _mode == null ? null : Ordinal.ToLowerAscii(_mode); } }

        public string Zone { get { return _zone; } }

        public void Reset()
        {
            _mode = null;
            _zone = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
        }

        public void OnEndElement(XmlScanner scanner)
        {
            if (scanner.Depth != 2) return;
            if (scanner.LocalNameIs("timeMode")) _mode = IsapiField.Take(scanner, _mode, "timeMode");
            else if (scanner.LocalNameIs("timeZone")) _zone = IsapiField.Take(scanner, _zone, "timeZone");
        }

        public string Validate()
        {
            return _mode == null || _mode.Length == 0 ? "has no <timeMode>" : null;
        }
    }
}
