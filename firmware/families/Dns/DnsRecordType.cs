namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>The DNS numbers this probe uses (RFC 1035 section 3.2, RFC 3596 for AAAA).</summary>
    public static class DnsRecordType
    {
        public const int A = 1;
        public const int Cname = 5;
        public const int Aaaa = 28;
        public const int ClassInternet = 1;

        /// <summary>The lower-case mnemonic used in fact keys.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case A: return "a";
                case Aaaa: return "aaaa";
                case Cname: return "cname";
                default: return "type" + type.ToString();
            }
        }
    }
}
