using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Builds ONVIF device-service requests: SOAP 1.2 envelopes whose body is one parameterless tds action,
    /// optionally with a WS-Security UsernameToken header (PasswordDigest, Base64 nonce, wsu:Created). The body is
    /// written as UTF-8 straight into one array of its exact size (measured in a first pass), with no builder or
    /// string in between: on the appliance's small heap a request costs its own bytes and nothing more.
    /// </summary>
    public static class OnvifRequest
    {
        public const string SoapEnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope";
        public const string DeviceNamespace = "http://www.onvif.org/ver10/device/wsdl";
        public const string SecextNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
        public const string UtilityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
        public const string Base64BinaryType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

        private const string ContentTypeStart = "application/soap+xml; charset=utf-8; action=\"" + DeviceNamespace + "/";
        private const string EnvelopeOpen = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SoapEnvelopeNamespace + "\">";
        private const string SecurityOpen = "<s:Header><wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + SecextNamespace
            + "\" xmlns:wsu=\"" + UtilityNamespace + "\"><wsse:UsernameToken><wsse:Username>";
        private const string PasswordOpen = "</wsse:Username><wsse:Password Type=\"" + PasswordDigestType + "\">";
        private const string NonceOpen = "</wsse:Password><wsse:Nonce EncodingType=\"" + Base64BinaryType + "\">";
        private const string CreatedOpen = "</wsse:Nonce><wsu:Created>";
        private const string SecurityClose = "</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>";
        private const string BodyOpen = "<s:Body xmlns:tds=\"" + DeviceNamespace + "\"><tds:";
        private const string BodyClose = "/></s:Body></s:Envelope>";

        /// <summary>The SOAP 1.2 media type with the optional action parameter (RFC 3902) naming the tds action.</summary>
        public static string ContentType(string action)
        {
            // The probe's own actions as constants, so asking costs no string per request.
            switch (action)
            {
                case "GetSystemDateAndTime": return ContentTypeStart + "GetSystemDateAndTime\"";
                case "GetDeviceInformation": return ContentTypeStart + "GetDeviceInformation\"";
                case "GetUsers": return ContentTypeStart + "GetUsers\"";
                case "GetNetworkProtocols": return ContentTypeStart + "GetNetworkProtocols\"";
                case "GetDNS": return ContentTypeStart + "GetDNS\"";
                case "GetNTP": return ContentTypeStart + "GetNTP\"";
                default: return ContentTypeStart + action + "\"";
            }
        }

        /// <summary>The element a successful answer to <paramref name="action"/> holds, e.g. "GetUsersResponse".</summary>
        public static string ResponseName(string action)
        {
            switch (action)
            {
                case "GetSystemDateAndTime": return "GetSystemDateAndTimeResponse";
                case "GetDeviceInformation": return "GetDeviceInformationResponse";
                case "GetUsers": return "GetUsersResponse";
                case "GetNetworkProtocols": return "GetNetworkProtocolsResponse";
                case "GetDNS": return "GetDNSResponse";
                case "GetNTP": return "GetNTPResponse";
                default: return action + "Response";
            }
        }

        /// <summary>
        /// The request body. <paramref name="user"/> null means no security header. Every value is escaped, so no
        /// account name can change the document's structure.
        /// </summary>
        public static byte[] Build(string action, string user, string passwordDigest, string nonceBase64, string created)
        {
            if (action == null) throw new ArgumentNullException("action");
            if (user == null) return Build(action, null, null, 0, null, 0, null, 0);
            if (passwordDigest == null || nonceBase64 == null || created == null) throw new ArgumentNullException("passwordDigest");
            byte[] digest = Utf8.GetBytes(passwordDigest);
            byte[] nonce = Utf8.GetBytes(nonceBase64);
            byte[] time = Utf8.GetBytes(created);
            return Build(action, user, digest, digest.Length, nonce, nonce.Length, time, time.Length);
        }

        /// <summary>
        /// As above with the token values given as UTF-8 bytes (the caller's reused buffers), so nothing but the
        /// body itself is allocated. <paramref name="user"/> null means no security header and the other values are ignored.
        /// </summary>
        public static byte[] Build(string action, string user, byte[] passwordDigest, int passwordDigestLength,
            byte[] nonceBase64, int nonceBase64Length, byte[] created, int createdLength)
        {
            return Build(null, action, user, passwordDigest, passwordDigestLength, nonceBase64, nonceBase64Length, created, createdLength);
        }

        /// <summary>
        /// As above, written into <paramref name="previous"/> when that has exactly the body's size (the caller's
        /// last body, whose request is done: two actions of equal name length share one array), else into a new array.
        /// </summary>
        public static byte[] Build(byte[] previous, string action, string user, byte[] passwordDigest, int passwordDigestLength,
            byte[] nonceBase64, int nonceBase64Length, byte[] created, int createdLength)
        {
            if (action == null) throw new ArgumentNullException("action");
            if (user != null && (passwordDigest == null || nonceBase64 == null || created == null)) throw new ArgumentNullException("passwordDigest");
            int length = Write(null, action, user, passwordDigest, passwordDigestLength, nonceBase64, nonceBase64Length, created, createdLength);
            byte[] body = previous != null && previous.Length == length ? previous : new byte[length];
            Write(body, action, user, passwordDigest, passwordDigestLength, nonceBase64, nonceBase64Length, created, createdLength);
            return body;
        }

        /// <summary>Writes the body into <paramref name="b"/>, or only measures it when <paramref name="b"/> is null; returns its length.</summary>
        private static int Write(byte[] b, string action, string user, byte[] digest, int digestLength, byte[] nonce, int nonceLength, byte[] created, int createdLength)
        {
            int p = Ascii(b, 0, EnvelopeOpen);
            if (user != null)
            {
                p = Ascii(b, p, SecurityOpen);
                p = Escaped(b, p, user);
                p = Ascii(b, p, PasswordOpen);
                p = Escaped(b, p, digest, digestLength);
                p = Ascii(b, p, NonceOpen);
                p = Escaped(b, p, nonce, nonceLength);
                p = Ascii(b, p, CreatedOpen);
                p = Escaped(b, p, created, createdLength);
                p = Ascii(b, p, SecurityClose);
            }
            p = Ascii(b, p, BodyOpen);
            for (int i = 0; i < action.Length; i++) p = CodePoint(b, p, action, ref i);
            return Ascii(b, p, BodyClose);
        }

        private static int Ascii(byte[] b, int p, string text)
        {
            if (b == null) return p + text.Length;
            for (int i = 0; i < text.Length; i++) b[p++] = (byte)text[i];
            return p;
        }

        private static int Escaped(byte[] b, int p, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                string entity = Entity(value[i]);
                p = entity != null ? Ascii(b, p, entity) : CodePoint(b, p, value, ref i);
            }
            return p;
        }

        /// <summary>UTF-8 bytes escaped: the escaped characters are ASCII, so they never sit inside a multi-byte sequence.</summary>
        private static int Escaped(byte[] b, int p, byte[] value, int count)
        {
            for (int i = 0; i < count; i++)
            {
                string entity = Entity((char)value[i]);
                if (entity != null) p = Ascii(b, p, entity);
                else if (b == null) p++;
                else b[p++] = value[i];
            }
            return p;
        }

        private static string Entity(char c)
        {
            if (c == '&') return "&amp;";
            if (c == '<') return "&lt;";
            if (c == '>') return "&gt;";
            if (c == '"') return "&quot;";
            return null;
        }

        /// <summary>The UTF-8 of the character at <paramref name="i"/> (a surrogate pair moves <paramref name="i"/> past both; an unpaired surrogate is U+FFFD, as in <see cref="Utf8"/>).</summary>
        private static int CodePoint(byte[] b, int p, string text, ref int i)
        {
            int cp = text[i];
            if (cp >= 0xD800 && cp <= 0xDFFF)
            {
                if (cp <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                else
                {
                    cp = 0xFFFD;
                }
            }
            int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (b == null) return p + need;
            if (need == 1)
            {
                b[p++] = (byte)cp;
            }
            else if (need == 2)
            {
                b[p++] = (byte)(0xC0 | (cp >> 6));
                b[p++] = (byte)(0x80 | (cp & 0x3F));
            }
            else if (need == 3)
            {
                b[p++] = (byte)(0xE0 | (cp >> 12));
                b[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte)(0x80 | (cp & 0x3F));
            }
            else
            {
                b[p++] = (byte)(0xF0 | (cp >> 18));
                b[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte)(0x80 | (cp & 0x3F));
            }
            return p;
        }
    }
}
