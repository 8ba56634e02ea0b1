using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// Authenticates an appliance's job request without sending its key: the request carries
    /// <c>X-FlaxGuard-Device: &lt;applianceId&gt;</c> and
    /// <c>X-FlaxGuard-Auth: &lt;unixSeconds&gt;:&lt;lower-case hex HMAC-SHA256(applianceKey, "GET /api/v1/job\n" + applianceId + "\n" + unixSeconds)&gt;</c>.
    /// The host accepts it within a clock window, so a captured header is useless after a few minutes.
    /// </summary>
    public static class JobRequestAuth
    {
        public const string DeviceHeader = "X-FlaxGuard-Device";
        public const string AuthHeader = "X-FlaxGuard-Auth";
        public const string Path = "/api/v1/job";

        /// <summary>The compiled firmware database (ranged GET), authenticated the same way for its own path.</summary>
        public const string HashDbPath = "/api/v1/hashdb";
        private const int MaxHeaderLength = 20 + 1 + 64;

        public static string SignedText(string applianceId, long unixSeconds)
        {
            return SignedText(Path, applianceId, unixSeconds);
        }

        /// <summary>The signed text for a GET of <paramref name="path"/>: a signature for one path is refused on another.</summary>
        public static string SignedText(string path, string applianceId, long unixSeconds)
        {
            return "GET " + path + "\n" + applianceId + "\n" + unixSeconds.ToString();
        }

        /// <summary>The value of the X-FlaxGuard-Auth header for a request made at <paramref name="unixSeconds"/>.</summary>
        public static string HeaderValue(byte[] applianceKey, string applianceId, long unixSeconds)
        {
            return HeaderValue(Path, applianceKey, applianceId, unixSeconds);
        }

        /// <summary>The X-FlaxGuard-Auth value for a GET of <paramref name="path"/>.</summary>
        public static string HeaderValue(string path, byte[] applianceKey, string applianceId, long unixSeconds)
        {
            JobEnvelope.CheckKey(applianceKey);
            byte[] mac = HmacSha256.Compute(applianceKey, Utf8.GetBytes(SignedText(path, applianceId, unixSeconds)));
            return unixSeconds.ToString() + ":" + Hex.Encode(mac);
        }

        /// <summary>Reads the timestamp of a header value; false when the value is not "digits:64 hex".</summary>
        public static bool TryParse(string headerValue, out long unixSeconds, out byte[] mac)
        {
            unixSeconds = 0;
            mac = null;
            if (headerValue == null || headerValue.Length > MaxHeaderLength) return false;
            int colon = headerValue.IndexOf(':');
            if (colon < 1 || colon > 19 || headerValue.Length - colon - 1 != 64) return false;
            long value = 0;
            for (int i = 0; i < colon; i++)
            {
                char c = headerValue[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            byte[] decoded = Hex.TryDecode(headerValue.Substring(colon + 1));
            if (decoded == null) return false;
            unixSeconds = value;
            mac = decoded;
            return true;
        }

        /// <summary>Null when the header is valid for this appliance at <paramref name="nowUnixSeconds"/>, else the reason in words.</summary>
        public static string Check(byte[] applianceKey, string applianceId, string headerValue, long nowUnixSeconds, long windowSeconds)
        {
            return Check(Path, applianceKey, applianceId, headerValue, nowUnixSeconds, windowSeconds);
        }

        /// <summary>As <see cref="Check(byte[], string, string, long, long)"/>, for a GET of <paramref name="path"/>.</summary>
        public static string Check(string path, byte[] applianceKey, string applianceId, string headerValue, long nowUnixSeconds, long windowSeconds)
        {
            long when;
            byte[] mac;
            if (!TryParse(headerValue, out when, out mac)) return "the " + AuthHeader + " header is not <unixSeconds>:<64 hex digits>";
            byte[] expected = HmacSha256.Compute(applianceKey, Utf8.GetBytes(SignedText(path, applianceId, when)));
            if (!ConstantTime.Equals(expected, mac)) return "the request signature does not match this appliance's key";
            long skew = when - nowUnixSeconds;
            if (skew > windowSeconds || -skew > windowSeconds) return "the request time is outside the " + windowSeconds.ToString() + " s window; check the appliance clock";
            return null;
        }
    }
}
