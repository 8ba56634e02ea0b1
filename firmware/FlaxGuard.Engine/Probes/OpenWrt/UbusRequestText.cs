using System.Text;

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
