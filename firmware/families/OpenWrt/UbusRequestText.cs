using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>Builds the JSON-RPC 2.0 request bodies uhttpd's ubus plugin takes: method "call", params [sid, object, method, args].</summary>
    public static class UbusRequestText
    {
        public static string Call(int id, string session, string ubusObject, string method, string argumentsJson)
        {
            StringBuilder sb = new StringBuilder(128);
            sb.Append("{\"jsonrpc\":\"2.0\",\"id\":");
            sb.Append(id.ToString());
            sb.Append(",\"method\":\"call\",\"params\":[");
            AppendString(sb, session);
            sb.Append(',');
            AppendString(sb, ubusObject);
            sb.Append(',');
            AppendString(sb, method);
            sb.Append(',');
            sb.Append(argumentsJson == null ? "{}" : argumentsJson);
            sb.Append("]}");
            return sb.ToString();
        }

        /// <summary>A JSON object of string members: names[i] = values[i].</summary>
        public static string Object(string[] names, string[] values)
        {
            StringBuilder sb = new StringBuilder(64);
            sb.Append('{');
            for (int i = 0; i < names.Length; i++)
            {
                if (i > 0) sb.Append(',');
                AppendString(sb, names[i]);
                sb.Append(':');
                AppendString(sb, values[i]);
            }
            sb.Append('}');
            return sb.ToString();
        }

        /// <summary>
        /// The UTF-8 bytes of <see cref="Call"/>'s text, written straight into one array of the exact size (no
        /// builder, string or encoder copies). The arguments are <paramref name="argumentsJson"/> as given when it
        /// is not null, else an object of up to two string members (a null name leaves a member out).
        /// </summary>
        public static byte[] CallBody(int id, string session, string ubusObject, string method, string argumentsJson, string name1, string value1, string name2, string value2)
        {
            byte[] body = new byte[WriteCall(null, id, session, ubusObject, method, argumentsJson, name1, value1, name2, value2)];
            WriteCall(body, id, session, ubusObject, method, argumentsJson, name1, value1, name2, value2);
            return body;
        }

        /// <summary>
        /// <see cref="CallBody"/>'s bytes written into <paramref name="buffer"/> from its start, made anew (the exact size,
        /// at least <paramref name="minimumSize"/>) only when too small: a client sending one request at a time keeps one
        /// buffer for all of them. Returns the buffer written and sets <paramref name="length"/> to the bytes written.
        /// </summary>
        public static byte[] WriteCallBody(byte[] buffer, int minimumSize, int id, string session, string ubusObject, string method, string argumentsJson, string name1, string value1, string name2, string value2, out int length)
        {
            length = WriteCall(null, id, session, ubusObject, method, argumentsJson, name1, value1, name2, value2);
            if (buffer == null || buffer.Length < length) buffer = new byte[length < minimumSize ? minimumSize : length];
            WriteCall(buffer, id, session, ubusObject, method, argumentsJson, name1, value1, name2, value2);
            return buffer;
        }

        // Writes the request into body, or only counts its bytes when body is null; returns the byte count.
        private static int WriteCall(byte[] body, int id, string session, string ubusObject, string method, string argumentsJson, string name1, string value1, string name2, string value2)
        {
            int at = WriteAscii(body, 0, "{\"jsonrpc\":\"2.0\",\"id\":");
            at = WriteNumber(body, at, id);
            at = WriteAscii(body, at, ",\"method\":\"call\",\"params\":[");
            at = WriteString(body, at, session);
            at = WriteAscii(body, at, ",");
            at = WriteString(body, at, ubusObject);
            at = WriteAscii(body, at, ",");
            at = WriteString(body, at, method);
            at = WriteAscii(body, at, ",");
            if (argumentsJson != null)
            {
                at = WriteText(body, at, argumentsJson);
            }
            else
            {
                at = WriteAscii(body, at, "{");
                if (name1 != null)
                {
                    at = WriteString(body, at, name1);
                    at = WriteAscii(body, at, ":");
                    at = WriteString(body, at, value1);
                }
                if (name2 != null)
                {
                    if (name1 != null) at = WriteAscii(body, at, ",");
                    at = WriteString(body, at, name2);
                    at = WriteAscii(body, at, ":");
                    at = WriteString(body, at, value2);
                }
                at = WriteAscii(body, at, "}");
            }
            return WriteAscii(body, at, "]}");
        }

        private static int WriteAscii(byte[] body, int at, string text)
        {
            if (body != null)
            {
                for (int i = 0; i < text.Length; i++) body[at + i] = (byte)text[i];
            }
            return at + text.Length;
        }

        private static int WriteNumber(byte[] body, int at, int value)
        {
            long n = value;
            if (n < 0)
            {
                if (body != null) body[at] = (byte)'-';
                at++;
                n = -n;
            }
            int digits = 1;
            for (long rest = n / 10; rest > 0; rest /= 10) digits++;
            if (body != null)
            {
                for (int i = digits - 1; i >= 0; i--)
                {
                    body[at + i] = (byte)('0' + (int)(n % 10));
                    n /= 10;
                }
            }
            return at + digits;
        }

        // Any text as UTF-8 (unpaired surrogates as U+FFFD, as Utf8.GetBytes does).
        private static int WriteText(byte[] body, int at, string text)
        {
            if (body == null) return at + Utf8.ByteCount(text);
            int index = 0;
            return at + Utf8.Encode(text, ref index, body, at, body.Length - at);
        }

        // A JSON string literal as AppendString writes it, encoded as UTF-8.
        private static int WriteString(byte[] body, int at, string text)
        {
            at = WriteAscii(body, at, "\"");
            int plain = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool escaped = c == '"' || c == '\\' || c < ' ' || c == (char)0x7F;
                if (!escaped) continue;
                at = WriteRun(body, at, text, plain, i);
                plain = i + 1;
                if (c == '"') at = WriteAscii(body, at, "\\\"");
                else if (c == '\\') at = WriteAscii(body, at, "\\\\");
                else
                {
                    at = WriteAscii(body, at, "\\u00");
                    if (body != null)
                    {
                        body[at] = (byte)HexDigit(c >> 4);
                        body[at + 1] = (byte)HexDigit(c & 0xF);
                    }
                    at += 2;
                }
            }
            at = WriteRun(body, at, text, plain, text.Length);
            return WriteAscii(body, at, "\"");
        }

        // The unescaped characters text[start, end) as UTF-8. Escapes are ASCII, so they never split a surrogate pair.
        private static int WriteRun(byte[] body, int at, string text, int start, int end)
        {
            if (start >= end) return at;
            bool ascii = true;
            for (int i = start; i < end && ascii; i++) ascii = text[i] < 0x80;
            if (ascii)
            {
                if (body != null)
                {
                    for (int i = start; i < end; i++) body[at + i - start] = (byte)text[i];
                }
                return at + end - start;
            }
            // Rare (non-ASCII user names or passwords): through the shared encoder, as Utf8.GetBytes would.
            string run = start == 0 && end == text.Length ? text : text.Substring(start, end - start);
            return WriteText(body, at, run);
        }

        /// <summary>Appends a JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped.</summary>
        public static void AppendString(StringBuilder sb, string text)
        {
            sb.Append('"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"') sb.Append("\\\"");
                else if (c == '\\') sb.Append("\\\\");
                else if (c < ' ' || c == (char)0x7F)
                {
                    sb.Append("\\u00");
                    sb.Append(HexDigit(c >> 4));
                    sb.Append(HexDigit(c & 0xF));
                }
                else sb.Append(c);
            }
            sb.Append('"');
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
