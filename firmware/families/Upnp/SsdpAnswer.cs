using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// One SSDP search answer (HTTPU: "HTTP/1.1 200 OK" and header lines in one datagram), parsed strictly:
    /// printable ASCII only, bounded lines and header count, complete lines, no body, no repeated key
    /// header, and LOCATION, ST and USN present. <see cref="Problem"/> says in words what was wrong.
    /// </summary>
    public sealed class SsdpAnswer
    {
        public const int MaxLineBytes = 512;
        public const int MaxHeaders = 32;

        private string _location;
        private string _searchTarget;
        private string _usn;
        private string _server;

        private SsdpAnswer()
        {
        }

        /// <summary>Why the answer was refused, or null when it is acceptable.</summary>
        public string Problem { get; private set; }

        public string Location { get { return _location; } }

        public string SearchTarget { get { return _searchTarget; } }

        public string UniqueServiceName { get { return _usn; } }

        /// <summary>The SERVER header (operating system, UPnP version, product), or null.</summary>
        public string Server { get { return _server; } }

        public static SsdpAnswer Parse(byte[] data, int offset, int count, int maxBytes)
        {
            SsdpAnswer answer = new SsdpAnswer();
            if (count > maxBytes)
            {
                answer.Problem = "is larger than " + maxBytes.ToString() + " bytes";
                return answer;
            }
            int end = offset + count;
            int pos = offset;
            int line = 0;
            int headers = 0;
            bool blankSeen = false;
            while (pos < end)
            {
                int lineEnd = pos;
                while (lineEnd < end && data[lineEnd] != (byte)'\n') lineEnd++;
                if (lineEnd == end)
                {
                    answer.Problem = "ends in the middle of a line";
                    return answer;
                }
                int contentEnd = lineEnd > pos && data[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
                if (contentEnd - pos > MaxLineBytes)
                {
                    answer.Problem = "has a line longer than " + MaxLineBytes.ToString() + " bytes";
                    return answer;
                }
                for (int i = pos; i < contentEnd; i++)
                {
                    byte b = data[i];
                    if ((b < 0x20 && b != 0x09) || b >= 0x7F)
                    {
                        answer.Problem = "contains bytes that are not printable ASCII";
                        return answer;
                    }
                }
                if (line == 0)
                {
                    if (!IsOkStatus(data, pos, contentEnd))
                    {
                        answer.Problem = "does not start with an HTTP 200 status line";
                        return answer;
                    }
                }
                else if (contentEnd == pos)
                {
                    blankSeen = true;
                    pos = lineEnd + 1;
                    break;
                }
                else
                {
                    if (++headers > MaxHeaders)
                    {
                        answer.Problem = "has more than " + MaxHeaders.ToString() + " header lines";
                        return answer;
                    }
                    if (!answer.TakeHeader(data, pos, contentEnd)) return answer;
                }
                line++;
                pos = lineEnd + 1;
            }
            if (line == 0)
            {
                answer.Problem = "is empty";
                return answer;
            }
            if (blankSeen && pos < end)
            {
                answer.Problem = "carries data after its headers";
                return answer;
            }
            if (answer.Location == null || answer.SearchTarget == null || answer.UniqueServiceName == null)
            {
                answer.Problem = "lacks one of the LOCATION, ST and USN headers";
                return answer;
            }
            return answer;
        }

        private bool TakeHeader(byte[] data, int start, int end)
        {
            int colon = -1;
            for (int i = start; i < end; i++)
            {
                if (data[i] == (byte)':')
                {
                    colon = i;
                    break;
                }
                if (data[i] == (byte)' ' || data[i] == 0x09)
                {
                    break;
                }
            }
            if (colon <= start)
            {
                Problem = "has a header line without a name";
                return false;
            }
            int valueStart = colon + 1;
            int valueEnd = end;
            while (valueStart < valueEnd && (data[valueStart] == (byte)' ' || data[valueStart] == 0x09)) valueStart++;
            while (valueEnd > valueStart && (data[valueEnd - 1] == (byte)' ' || data[valueEnd - 1] == 0x09)) valueEnd--;
            if (NameIs(data, start, colon, "LOCATION")) return Store(ref _location, "LOCATION", data, valueStart, valueEnd);
            if (NameIs(data, start, colon, "ST")) return Store(ref _searchTarget, "ST", data, valueStart, valueEnd);
            if (NameIs(data, start, colon, "USN")) return Store(ref _usn, "USN", data, valueStart, valueEnd);
            if (NameIs(data, start, colon, "SERVER")) return Store(ref _server, "SERVER", data, valueStart, valueEnd);
            return true;
        }

        private bool Store(ref string field, string name, byte[] data, int start, int end)
        {
            if (field != null)
            {
                Problem = "repeats the " + name + " header";
                return false;
            }
            if (end == start)
            {
                Problem = "has an empty " + name + " header";
                return false;
            }
            // The line was checked to be printable ASCII, so UTF-8 decoding maps each byte to the same char, without a char[] copy.
            field = System.Text.Encoding.UTF8.GetString(data, start, end - start);
            return true;
        }

        private static bool NameIs(byte[] data, int start, int end, string name)
        {
            if (end - start != name.Length) return false;
            for (int i = 0; i < name.Length; i++)
            {
                if (Ordinal.LowerAscii((char)data[start + i]) != Ordinal.LowerAscii(name[i])) return false;
            }
            return true;
        }

        /// <summary>"HTTP/1.1 200" or "HTTP/1.0 200", then the end of the line or a space and a reason phrase.</summary>
        private static bool IsOkStatus(byte[] data, int start, int end)
        {
            const string prefix = "HTTP/1.";
            if (end - start < 12) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (data[start + i] != prefix[i]) return false;
            }
            byte minor = data[start + 7];
            if (minor != (byte)'0' && minor != (byte)'1') return false;
            if (data[start + 8] != (byte)' ' || data[start + 9] != (byte)'2' || data[start + 10] != (byte)'0' || data[start + 11] != (byte)'0') return false;
            return end - start == 12 || data[start + 12] == (byte)' ';
        }
    }
}
