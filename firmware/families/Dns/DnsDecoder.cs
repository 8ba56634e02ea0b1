using System;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Strict, bounded decoder of the answer to one query of ours (RFC 1035 section 4.1). In order: the header
    /// must be a standard-query response with our id and exactly our question echoed (anything else is someone
    /// else's datagram: <see cref="DnsReplyKind.Mismatch"/>, to be ignored); TC means truncated; then every
    /// resource record of all three sections is walked with checked lengths, capped counts and no bytes left over.
    /// Addresses of the asked type are taken from the answer section when their owner is the question name or
    /// a CNAME target reached from it in order.
    /// </summary>
    public static class DnsDecoder
    {
        /// <summary>Without EDNS a compliant answer never exceeds 512 bytes.</summary>
        public const int MaxMessageBytes = 512;

        /// <summary>No canary name has more answers than this; more is a flood, not an answer.</summary>
        public const int MaxAnswers = 32;

        /// <summary>Bound on all records of the three sections together.</summary>
        public const int MaxRecords = 64;

        /// <summary>CNAME links followed from the question name.</summary>
        public const int MaxAliases = 8;

        /// <summary>The smallest resource record: root name, type, class, TTL, RDLENGTH.</summary>
        private const int MinRecordBytes = 11;

        public static DnsReply Decode(byte[] message, int count, int expectedId, string expectedName, int expectedType)
        {
            if (message == null) throw new ArgumentNullException("message");
            if (count < 0 || count > message.Length) throw new ArgumentOutOfRangeException("count");
            if (count < DnsName.HeaderBytes) return Fail(DnsReplyKind.Malformed, "the answer is shorter than a DNS header");
            int id = (message[0] << 8) | message[1];
            int flags = (message[2] << 8) | message[3];
            if (id != expectedId) return Fail(DnsReplyKind.Mismatch, "an answer with another message id arrived");
            if ((flags & 0x8000) == 0) return Fail(DnsReplyKind.Mismatch, "a datagram that is not a response arrived");
            if (((flags >> 11) & 0xF) != 0) return Fail(DnsReplyKind.Mismatch, "a response to another kind of query (opcode) arrived");
            if (count > MaxMessageBytes) return Fail(DnsReplyKind.Malformed, "the answer is larger than 512 bytes although the query did not allow that");
            int rcode = flags & 0xF;
            int questions = Count(message, 4);
            int answers = Count(message, 6);
            int authorities = Count(message, 8);
            int additionals = Count(message, 10);
            try
            {
                if (questions != 1) return Fail(DnsReplyKind.Mismatch, "the answer does not carry exactly our one question (" + questions.ToString() + " questions)");
                int p = DnsName.HeaderBytes;
                string name = DnsName.Read(message, count, ref p);
                if (count - p < 4) throw new FormatException("the question is cut off");
                int qtype = Count(message, p);
                int qclass = Count(message, p + 2);
                p += 4;
                if (name != expectedName || qtype != expectedType || qclass != DnsRecordType.ClassInternet)
                    return Fail(DnsReplyKind.Mismatch, "an answer to another question arrived");
                if ((flags & 0x0200) != 0) return new DnsReply(DnsReplyKind.Truncated, rcode, null, "the answer was truncated (TC bit)");

                if (answers > MaxAnswers) throw new FormatException("the answer claims " + answers.ToString() + " records, more than the limit of " + MaxAnswers.ToString());
                int records = answers + authorities + additionals;
                if (records > MaxRecords) throw new FormatException("the answer claims " + records.ToString() + " records, more than the limit of " + MaxRecords.ToString());
                if (records * MinRecordBytes > count - p) throw new FormatException("the record counts do not fit into the message");

                string[] found = new string[answers];
                int foundCount = 0;
                string[] chain = new string[MaxAliases + 1];
                chain[0] = expectedName;
                int chainLength = 1;
                for (int r = 0; r < records; r++)
                {
                    string owner = DnsName.Read(message, count, ref p);
                    if (count - p < 10) throw new FormatException("a record header is cut off");
                    int type = Count(message, p);
                    int rclass = Count(message, p + 2);
                    int rdLength = Count(message, p + 8);
                    p += 10;
                    if (rdLength > count - p) throw new FormatException("a record's data length (RDLENGTH) runs past the end of the message");
                    int rdEnd = p + rdLength;
                    bool inAnswer = r < answers;
                    bool linked = inAnswer && rclass == DnsRecordType.ClassInternet && IndexOf(chain, chainLength, owner) >= 0;
                    if (rclass == DnsRecordType.ClassInternet && type == DnsRecordType.A && rdLength != 4) throw new FormatException("an A record is not 4 bytes long");
                    if (rclass == DnsRecordType.ClassInternet && type == DnsRecordType.Aaaa && rdLength != 16) throw new FormatException("an AAAA record is not 16 bytes long");
                    if (type == DnsRecordType.Cname)
                    {
                        int q = p;
                        string target = DnsName.Read(message, rdEnd, ref q);
                        if (q != rdEnd) throw new FormatException("a CNAME record's name does not fill its data");
                        if (linked && IndexOf(chain, chainLength, target) < 0)
                        {
                            if (chainLength == chain.Length) throw new FormatException("the answer has more than " + MaxAliases.ToString() + " aliases (CNAME)");
                            chain[chainLength++] = target;
                        }
                    }
                    else if (linked && type == expectedType && (type == DnsRecordType.A || type == DnsRecordType.Aaaa))
                    {
                        string address = type == DnsRecordType.A ? IpAddressText.FormatIPv4(message, p) : IpAddressText.FormatIPv6(message, p);
                        if (IndexOf(found, foundCount, address) < 0) found[foundCount++] = address;
                    }
                    p = rdEnd;
                }
                if (p != count) throw new FormatException("there are " + (count - p).ToString() + " bytes after the last record");
                return Classify(rcode, SortedCopy(found, foundCount));
            }
            catch (FormatException e)
            {
                return new DnsReply(DnsReplyKind.Malformed, rcode, null, e.Message);
            }
        }

        private static DnsReply Classify(int rcode, string[] addresses)
        {
            switch (rcode)
            {
                case 0: return new DnsReply(DnsReplyKind.Answer, rcode, addresses, null);
                case 2: return new DnsReply(DnsReplyKind.ServerFailure, rcode, null, "the resolver reported a failure (SERVFAIL)");
                case 3: return new DnsReply(DnsReplyKind.NameError, rcode, null, null);
                case 5: return new DnsReply(DnsReplyKind.Refused, rcode, null, "the resolver refused to answer (REFUSED)");
                default: return new DnsReply(DnsReplyKind.OtherError, rcode, null, "the resolver answered with error code " + rcode.ToString());
            }
        }

        private static DnsReply Fail(DnsReplyKind kind, string detail)
        {
            return DnsReply.Failure(kind, detail);
        }

        private static int Count(byte[] message, int offset)
        {
            return (message[offset] << 8) | message[offset + 1];
        }

        private static int IndexOf(string[] items, int count, string value)
        {
            for (int i = 0; i < count; i++)
            {
                if (items[i] == value) return i;
            }
            return -1;
        }

        /// <summary>Insertion sort by UTF-16 code unit: a handful of items, and nanoFramework has no Array.Sort.</summary>
        private static string[] SortedCopy(string[] items, int count)
        {
            string[] sorted = new string[count];
            for (int i = 0; i < count; i++)
            {
                string item = items[i];
                int k = i - 1;
                while (k >= 0 && Text.Ordinal.Compare(sorted[k], item) > 0)
                {
                    sorted[k + 1] = sorted[k];
                    k--;
                }
                sorted[k + 1] = item;
            }
            return sorted;
        }
    }
}
