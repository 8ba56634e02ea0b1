using System;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// One challenge of a WWW-Authenticate header (RFC 9110 section 11.6.1): the scheme in lower case and
    /// either auth-params (names in lower case, values unquoted) or a token68. Built by <see cref="ChallengeParser"/>.
    /// </summary>
    public sealed class AuthChallenge
    {
        public const int MaxParameters = 16;

        private readonly string[] _names = new string[MaxParameters];
        private readonly string[] _values = new string[MaxParameters];
        private int _count;

        public AuthChallenge(string scheme)
        {
            if (scheme == null || scheme.Length == 0) throw new ArgumentException("scheme is empty", "scheme");
            Scheme = Text.Ordinal.ToLowerAscii(scheme);
        }

        /// <summary>The scheme in lower case: "basic", "digest", ...</summary>
        public string Scheme { get; private set; }

        /// <summary>The token68 form of credentials, or null when the challenge has parameters instead.</summary>
        public string Token68 { get; internal set; }

        public int ParameterCount { get { return _count; } }

        /// <summary>The value of a parameter (name compared ASCII case-insensitively), or null.</summary>
        public string Get(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (Text.Ordinal.EqualsIgnoreAsciiCase(_names[i], name)) return _values[i];
            }
            return null;
        }

        public string Realm { get { return Get("realm"); } }

        public string Nonce { get { return Get("nonce"); } }

        public string Opaque { get { return Get("opaque"); } }

        /// <summary>The algorithm parameter as sent, or null (Digest then means MD5).</summary>
        public string Algorithm { get { return Get("algorithm"); } }

        /// <summary>True when stale=true: the nonce expired, the credentials were right.</summary>
        public bool Stale
        {
            get
            {
                string v = Get("stale");
                return v != null && Text.Ordinal.EqualsIgnoreAsciiCase(v, "true");
            }
        }

        /// <summary>Whether the qop parameter lists <paramref name="option"/> ("auth", "auth-int").</summary>
        public bool OffersQop(string option)
        {
            string qop = Get("qop");
            if (qop == null) return false;
            int start = 0;
            for (int i = 0; i <= qop.Length; i++)
            {
                if (i < qop.Length && qop[i] != ',') continue;
                int a = start, b = i;
                while (a < b && (qop[a] == ' ' || qop[a] == '\t')) a++;
                while (b > a && (qop[b - 1] == ' ' || qop[b - 1] == '\t')) b--;
                if (Text.Ordinal.EqualsIgnoreAsciiCase(qop.Substring(a, b - a), option)) return true;
                start = i + 1;
            }
            return false;
        }

        /// <summary>Adds a parameter; a repeated name is a protocol error (RFC 9110: each name only once per challenge).</summary>
        internal void Add(string name, string value)
        {
            if (Get(name) != null) throw new FormatException("the challenge repeats the parameter " + name);
            if (_count == MaxParameters) throw new FormatException("the challenge has more than " + MaxParameters.ToString() + " parameters");
            _names[_count] = Text.Ordinal.ToLowerAscii(name);
            _values[_count] = value;
            _count++;
        }
    }
}
