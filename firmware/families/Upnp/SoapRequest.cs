using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>Builds UPnP control requests: SOAP 1.1 envelopes (UDA 1.1 section 3.2.1) with at most one argument.</summary>
    public static class SoapRequest
    {
        /// <summary>
        /// The request body. The service type and action are the probe's own constants; the argument value is
        /// escaped all the same, so no text can change the document's structure.
        /// </summary>
        public static byte[] Build(string serviceType, string action, string argumentName, string argumentValue)
        {
            StringBuilder sb = new StringBuilder(360);
            sb.Append("<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:");
            sb.Append(action).Append(" xmlns:u=\"").Append(serviceType).Append("\">");
            if (argumentName != null)
            {
                sb.Append('<').Append(argumentName).Append('>');
                AppendEscaped(sb, argumentValue);
                sb.Append("</").Append(argumentName).Append('>');
            }
            sb.Append("</u:").Append(action).Append("></s:Body></s:Envelope>\r\n");
            return Utf8.GetBytes(sb.ToString());
        }

        /// <summary>The SOAPACTION header value: the quoted service type, '#', the action.</summary>
        public static string ActionHeader(string serviceType, string action)
        {
            return "\"" + serviceType + "#" + action + "\"";
        }

        /// <summary>The UTF-8 bytes of an argument value, escaped for XML text.</summary>
        public static byte[] EscapedBytes(string value)
        {
            if (value == null) return new byte[0];
            bool plain = true;
            for (int i = 0; i < value.Length && plain; i++) plain = value[i] != '&' && value[i] != '<' && value[i] != '>' && value[i] != '"';
            if (plain) return Utf8.GetBytes(value);
            StringBuilder sb = new StringBuilder(value.Length + 16);
            AppendEscaped(sb, value);
            return Utf8.GetBytes(sb.ToString());
        }

        private static void AppendEscaped(StringBuilder sb, string value)
        {
            if (value == null) return;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '&') sb.Append("&amp;");
                else if (c == '<') sb.Append("&lt;");
                else if (c == '>') sb.Append("&gt;");
                else if (c == '"') sb.Append("&quot;");
                else sb.Append(c);
            }
        }
    }
}
