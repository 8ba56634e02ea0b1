using System;
using System.Collections;
using System.Text;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// Strict parser of WWW-Authenticate (RFC 9110 sections 11.2 and 11.6.1): a comma-separated list of
    /// challenges, each a scheme, then a token68 or auth-params whose values are tokens or quoted strings with
    /// backslash escapes. Where a comma ends one challenge and starts the next is decided by what follows it:
    /// "token =" continues the parameters, anything else starts a challenge. Bounded in header length, number of
    /// challenges, parameters and value length; anything outside the grammar throws <see cref="FormatException"/>.
    /// </summary>
    public static class ChallengeParser
    {
        public const int MaxHeaderChars = 4096;
        public const int MaxChallenges = 8;
        public const int MaxValueChars = 1024;

        /// <summary>Every challenge of every WWW-Authenticate header of the response, in order.</summary>
        public static AuthChallenge[] FromResponse(HttpResponse response)
        {
            ArrayList all = new ArrayList();
            for (int i = 0; i < response.HeaderCount; i++)
            {
                HttpHeader header = response.GetHeaderAt(i);
                if (Text.Ordinal.EqualsIgnoreAsciiCase(header.Name, "WWW-Authenticate")) ParseInto(header.Value, all);
            }
            AuthChallenge[] result = new AuthChallenge[all.Count];
            all.CopyTo(result);
            return result;
        }

        public static AuthChallenge[] Parse(string header)
        {
            ArrayList all = new ArrayList();
            ParseInto(header, all);
            AuthChallenge[] result = new AuthChallenge[all.Count];
            all.CopyTo(result);
            return result;
        }

        private static void ParseInto(string s, ArrayList into)
        {
            if (s == null) throw new FormatException("the WWW-Authenticate header is missing");
            if (s.Length > MaxHeaderChars) throw new FormatException("the WWW-Authenticate header is longer than " + MaxHeaderChars.ToString() + " characters");
            int p = 0;
            bool any = false;
            while (true)
            {
                p = SkipSeparators(s, p);
                if (p == s.Length) break;
                int schemeStart = p;
                string scheme = ReadToken(s, ref p);
                if (scheme == null) throw new FormatException("expected an authentication scheme at character " + schemeStart.ToString());
                if (into.Count == MaxChallenges) throw new FormatException("more than " + MaxChallenges.ToString() + " challenges");
                AuthChallenge challenge = new AuthChallenge(scheme);
                into.Add(challenge);
                any = true;
                int afterScheme = p;
                p = SkipSpaces(s, p);
                if (p == s.Length || s[p] == ',') continue;
                if (p == afterScheme) throw new FormatException("the scheme " + scheme + " is not followed by a space");

                if (!StartsParameter(s, p))
                {
                    challenge.Token68 = ReadToken68(s, ref p);
                    p = SkipSpaces(s, p);
                    if (p < s.Length && s[p] != ',') throw new FormatException("unexpected text after the credentials of " + scheme);
                    continue;
                }
                ReadParameter(s, ref p, challenge);
                while (true)
                {
                    int q = SkipSpaces(s, p);
                    if (q == s.Length) { p = q; break; }
                    if (s[q] != ',') throw new FormatException("expected a comma at character " + q.ToString());
                    int r = SkipSeparators(s, q);
                    if (r == s.Length || !StartsParameter(s, r)) { p = r; break; }
                    p = r;
                    ReadParameter(s, ref p, challenge);
                }
            }
            if (!any) throw new FormatException("the WWW-Authenticate header holds no challenge");
        }

        /// <summary>True when "token BWS =" follows, i.e. an auth-param rather than a new challenge or a token68.</summary>
        private static bool StartsParameter(string s, int p)
        {
            int q = p;
            if (ReadToken(s, ref q) == null) return false;
            q = SkipSpaces(s, q);
            if (q >= s.Length || s[q] != '=') return false;
            // "abc==" is a token68 with padding, not the parameter abc with the value "=".
            int v = SkipSpaces(s, q + 1);
            return v < s.Length && s[v] != '=' && s[v] != ',';
        }

        private static void ReadParameter(string s, ref int p, AuthChallenge challenge)
        {
            string name = ReadToken(s, ref p);
            p = SkipSpaces(s, p);
            p++; // '=' (checked by StartsParameter)
            p = SkipSpaces(s, p);
            string value;
            if (p < s.Length && s[p] == '"') value = ReadQuoted(s, ref p);
            else
            {
                value = ReadToken(s, ref p);
                if (value == null) throw new FormatException("the parameter " + name + " has no valid value");
            }
            challenge.Add(name, value);
        }

        private static string ReadQuoted(string s, ref int p)
        {
            // One pass checks the value and counts it; a value without escapes is then cut out in one piece, so
            // only one with backslashes needs a builder.
            int open = p;
            p++; // opening quote
            int start = p;
            int length = 0;
            bool escaped = false;
            while (true)
            {
                if (p >= s.Length) throw new FormatException("a quoted string is not closed");
                char c = s[p++];
                if (c == '"') break;
                if (c == '\\')
                {
                    if (p >= s.Length) throw new FormatException("a quoted string ends in a backslash");
                    c = s[p++];
                    if (c != '\t' && (c < ' ' || c == (char)0x7F)) throw new FormatException("a quoted string escapes a control character");
                    escaped = true;
                }
                else if (c != '\t' && (c < ' ' || c == (char)0x7F)) throw new FormatException("a quoted string holds a control character");
                if (length == MaxValueChars) throw new FormatException("a quoted value is longer than " + MaxValueChars.ToString() + " characters");
                length++;
            }
            if (!escaped) return s.Substring(start, length);
            StringBuilder sb = new StringBuilder(length);
            for (int i = open + 1; i < p - 1; i++)
            {
                char c = s[i];
                if (c == '\\') c = s[++i];
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static string ReadToken(string s, ref int p)
        {
            int start = p;
            while (p < s.Length && IsTokenChar(s[p])) p++;
            if (p == start) return null;
            if (p - start > MaxValueChars) throw new FormatException("a token is longer than " + MaxValueChars.ToString() + " characters");
            return s.Substring(start, p - start);
        }

        private static string ReadToken68(string s, ref int p)
        {
            int start = p;
            while (p < s.Length && IsToken68Char(s[p])) p++;
            if (p == start) throw new FormatException("expected parameters or a token68 at character " + start.ToString());
            while (p < s.Length && s[p] == '=') p++;
            if (p - start > MaxValueChars) throw new FormatException("a token68 is longer than " + MaxValueChars.ToString() + " characters");
            return s.Substring(start, p - start);
        }

        private static int SkipSpaces(string s, int p)
        {
            while (p < s.Length && (s[p] == ' ' || s[p] == '\t')) p++;
            return p;
        }

        private static int SkipSeparators(string s, int p)
        {
            while (p < s.Length && (s[p] == ' ' || s[p] == '\t' || s[p] == ',')) p++;
            return p;
        }

        private static bool IsTokenChar(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            return "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
        }

        private static bool IsToken68Char(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }
}
