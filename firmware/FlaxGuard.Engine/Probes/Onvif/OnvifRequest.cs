using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Builds ONVIF device-service requests: SOAP 1.2 envelopes whose body is one parameterless tds action,
    /// optionally with a WS-Security UsernameToken header (PasswordDigest, Base64 nonce, wsu:Created).
    /// </summary>
    public static class OnvifRequest
    {
        public const string SoapEnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope";
        public const string DeviceNamespace = "http://www.onvif.org/ver10/device/wsdl";
        public const string SecextNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
        public const string UtilityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
        public const string Base64BinaryType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

        /// <summary>The SOAP 1.2 media type with the optional action parameter (RFC 3902) naming the tds action.</summary>
        public static string ContentType(string action)
        {
            return "application/soap+xml; charset=utf-8; action=\"" + DeviceNamespace + "/" + action + "\"";
        }

        /// <summary>
        /// The request body. <paramref name="user"/> null means no security header. Every value is escaped, so no
        /// account name can change the document's structure.
        /// </summary>
        public static byte[] Build(string action, string user, string passwordDigest, string nonceBase64, string created)
        {
            StringBuilder sb = new StringBuilder(user == null ? 300 : 1100);
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"").Append(SoapEnvelopeNamespace).Append("\">");
            if (user != null)
            {
                sb.Append("<s:Header><wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"").Append(SecextNamespace)
                  .Append("\" xmlns:wsu=\"").Append(UtilityNamespace).Append("\"><wsse:UsernameToken><wsse:Username>");
                AppendEscaped(sb, user);
                sb.Append("</wsse:Username><wsse:Password Type=\"").Append(PasswordDigestType).Append("\">");
                AppendEscaped(sb, passwordDigest);
                sb.Append("</wsse:Password><wsse:Nonce EncodingType=\"").Append(Base64BinaryType).Append("\">");
                AppendEscaped(sb, nonceBase64);
                sb.Append("</wsse:Nonce><wsu:Created>");
                AppendEscaped(sb, created);
                sb.Append("</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>");
            }
            sb.Append("<s:Body xmlns:tds=\"").Append(DeviceNamespace).Append("\"><tds:").Append(action).Append("/></s:Body></s:Envelope>");
            return Utf8.GetBytes(sb.ToString());
        }

        private static void AppendEscaped(StringBuilder sb, string value)
        {
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
