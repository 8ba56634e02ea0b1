using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// One download through cgi-io (openwrt/cgi-io main.c, main_download): POST
    /// application/x-www-form-urlencoded fields sessionid, path, filename (and mimetype); cgi-io asks rpcd whether the
    /// session has "cgi-io" "download" "read" (else 403 "Download permission denied") and "file" &lt;path&gt; "read"
    /// (else 403 "Access to path denied by ACL"), answers 404 when the path does not exist and 403 when it is neither
    /// a regular file nor a block device, and streams a block device with Content-Length = BLKGETSIZE64.
    /// </summary>
    public static class CgiDownload
    {
        /// <summary>The form body; every byte outside [A-Za-z0-9] is percent-encoded (cgi-io's urldecode reverses it).</summary>
        public static byte[] FormBody(string sessionId, string path, string filename)
        {
            TextBuilder text = new TextBuilder(96);
            text.Append("sessionid=");
            Encode(sessionId, text);
            text.Append("&path=");
            Encode(path, text);
            text.Append("&filename=");
            Encode(filename, text);
            return Utf8.GetBytes(text.ToString());
        }

        /// <summary>
        /// A two-field form body (cgi-exec's sessionid and command), encoded as <see cref="FormBody"/> encodes. ASCII names
        /// and values (the session id and command always are) are written straight into the body's bytes.
        /// </summary>
        public static byte[] Form(string name1, string value1, string name2, string value2)
        {
            if (!IsAscii(name1) || !IsAscii(value1) || !IsAscii(name2) || !IsAscii(value2))
            {
                TextBuilder text = new TextBuilder(96);
                text.Append(name1).Append('=');
                Encode(value1, text);
                text.Append('&').Append(name2).Append('=');
                Encode(value2, text);
                return Utf8.GetBytes(text.ToString());
            }
            byte[] body = new byte[FieldLength(name1, value1) + 1 + FieldLength(name2, value2)];
            int at = FormField(name1, value1, body, 0);
            body[at++] = (byte)'&';
            FormField(name2, value2, body, at);
            return body;
        }

        private static bool IsAscii(string text)
        {
            for (int i = 0; i < text.Length; i++) if (text[i] >= 0x80) return false;
            return true;
        }

        // Bytes of "name=" and the encoded value (ASCII).
        private static int FieldLength(string name, string value)
        {
            int n = name.Length + 1;
            for (int i = 0; i < value.Length; i++) n += IsPlain(value[i]) ? 1 : 3;
            return n;
        }

        private static int FormField(string name, string value, byte[] body, int at)
        {
            for (int i = 0; i < name.Length; i++) body[at++] = (byte)name[i];
            body[at++] = (byte)'=';
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (IsPlain(c))
                {
                    body[at++] = (byte)c;
                    continue;
                }
                body[at++] = (byte)'%';
                body[at++] = (byte)HexDigits[c >> 4];
                body[at++] = (byte)HexDigits[c & 0xF];
            }
            return at;
        }

        /// <summary>Why a download did not give the partition, in words; null when it did (HTTP 200, body complete).</summary>
        public static string Explain(HttpResponse response, string path)
        {
            if (response.Outcome == HttpOutcome.BodyTooLarge) return "the device sent more bytes for " + path + " than /proc/mtd gives the partition";
            if (response.Outcome != HttpOutcome.Completed) return "the download of " + path + " did not complete: " + TransportText.Describe(response);
            if (response.StatusCode == 200) return null;
            if (response.StatusCode == 403) return "cgi-io refused to send " + path + " (HTTP 403): the account needs LuCI's flash read rights (luci-mod-system-flash: cgi-io download and file read on /dev/mtdblock*)";
            if (response.StatusCode == 404) return "cgi-io is not installed or " + path + " does not exist (HTTP 404)";
            return "cgi-io answered the download of " + path + " with HTTP status " + response.StatusCode.ToString();
        }

        private const string HexDigits = "0123456789ABCDEF";

        private static bool IsPlain(int b)
        {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
        }

        private static void Encode(string value, TextBuilder text)
        {
            byte[] bytes = Utf8.GetBytes(value);
            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                if (IsPlain(b)) { text.Append((char)b); continue; }
                text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }
}
