namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>The outcome of one lookup: its kind, the RCODE, the sorted distinct addresses, and why when it failed.</summary>
    public sealed class DnsReply
    {
        private static readonly string[] NoAddresses = new string[0];

        public DnsReply(DnsReplyKind kind, int responseCode, string[] addresses, string detail)
        {
            Kind = kind;
            ResponseCode = responseCode;
            Addresses = addresses == null ? NoAddresses : addresses;
            Detail = detail;
        }

        public static DnsReply Failure(DnsReplyKind kind, string detail)
        {
            return new DnsReply(kind, -1, null, detail);
        }

        public DnsReplyKind Kind { get; private set; }

        /// <summary>The RCODE of the header, or -1 when no usable header arrived.</summary>
        public int ResponseCode { get; private set; }

        /// <summary>Addresses of the asked type, text form, distinct and sorted by code unit.</summary>
        public string[] Addresses { get; private set; }

        /// <summary>Why a Malformed, Mismatch or transport failure happened, in words; null otherwise.</summary>
        public string Detail { get; private set; }

        /// <summary>The addresses as one fact value: comma-separated in sorted order.</summary>
        public string JoinedAddresses()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < Addresses.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(Addresses[i]);
            }
            return sb.ToString();
        }
    }
}
