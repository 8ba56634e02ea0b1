using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/Network/mailing: &lt;mailingList&gt; of &lt;mailing&gt;, each with the SMTP server the camera mails
    /// through (&lt;sender&gt;&lt;smtp&gt;&lt;hostName&gt;/&lt;ipAddress&gt;/&lt;ipv6Address&gt;) and the addresses it mails to
    /// (&lt;receiverList&gt;&lt;receiver&gt;&lt;emailAddress&gt;). Account names and passwords are never kept. Blank
    /// placeholder receivers (the factory state lists three empty ones) give nothing.
    /// </summary>
    public sealed class MailingDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[] { "id", "name", "emailAddress", "hostName", "ipAddress", "ipv6Address", "portNo", "accountName", "password" };

        private readonly int _maxEntries;
        private readonly ArrayList _servers = new ArrayList();
        private readonly ArrayList _receivers = new ArrayList();

        public MailingDocument(int maxEntries)
        {
            _maxEntries = maxEntries;
        }

        public string RootName { get { return "mailingList"; } }

        /// <summary>SMTP servers as raw text (host name or address), in document order.</summary>
        public ArrayList Servers { get { return _servers; } }

        /// <summary>Receiving e-mail addresses as raw text, in document order.</summary>
        public ArrayList Receivers { get { return _receivers; } }

        public void Reset()
        {
            _servers.Clear();
            _receivers.Clear();
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth != 5 || !scanner.LocalNameAtIs(2, "mailing")) return;
            if (scanner.LocalNameAtIs(3, "sender") && scanner.LocalNameAtIs(4, "smtp")
                && (scanner.LocalNameIs("hostName") || scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address")))
            {
                Keep(scanner, _servers, "SMTP server");
            }
            else if (scanner.LocalNameAtIs(3, "receiverList") && scanner.LocalNameAtIs(4, "receiver") && scanner.LocalNameIs("emailAddress"))
            {
                Keep(scanner, _receivers, "receiver");
            }
        }

        private void Keep(XmlScanner scanner, ArrayList list, string what)
        {
            string value = IsapiField.Take(scanner, null, what);
            if (value == null || value.Trim().Length == 0) return;
            if (list.Count == _maxEntries)
            {
                scanner.Reject("lists more than " + _maxEntries.ToString() + " " + what + " entries");
                return;
            }
            list.Add(value.Trim());
        }

        public string Validate()
        {
            return null;
        }
    }
}
