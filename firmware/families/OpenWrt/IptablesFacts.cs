using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The live firewall of a router on firewall3 (OpenWrt 21.02 and older, iptables instead of nft), read as LuCI's
    /// Status → Firewall page of those releases reads it: cgi-io's exec of
    /// "/usr/sbin/iptables --line-numbers -w -nvxL -t filter" and "... -t nat" (luci-mod-status-firewall grants
    /// "/usr/sbin/iptables --line-numbers -w -nvxL -t *"). fw3 tags every rule it makes with the comment "!fw3" or
    /// "!fw3: NAME" (it flushes its own rules by that tag on reload); what an implant adds with "iptables -I/-A"
    /// carries none. Facts, for untagged rules whose target lets in, redirects, rewrites or blocks traffic:
    /// openwrt.iptables.open.&lt;table&gt;.&lt;chain&gt;.&lt;id&gt; for an ACCEPT in an inbound chain (INPUT, FORWARD, fw3's
    /// input*/forward*/zone_*_input/zone_*_forward) or any DNAT or REDIRECT (VPNFilter's ssler redirected port 80 this
    /// way), openwrt.iptables.rule.* for the rest (SNAT, MASQUERADE, DROP, REJECT: Mirai variants and Hajime drop the
    /// ports rival bots come in by). The value sketches the rule; the id digests it without its number and counters.
    /// miniupnpd's MINIUPNPD* chains change with every mapping and are the UPnP probe's.
    /// </summary>
    public sealed class IptablesFacts
    {
        public const string CommandStart = "/usr/sbin/iptables --line-numbers -w -nvxL -t ";
        public const int MaxRuleFacts = 64;
        public const int MaxLines = 4096;
        public const long MaxListingBytes = 1024 * 1024;

        private static readonly string[] Tables = new string[] { "filter", "nat" };
        // A rule line has 10 columns and a few matches; words past this many are not read.
        private const int MaxTokens = 32;
        private const int MaxChainBytes = 32;

        private readonly OpenWrtFactSheet _sheet;
        private readonly TextBuilder _summary = new TextBuilder(96);
        private readonly int[] _tokenStart = new int[MaxTokens];
        private readonly int[] _tokenEnd = new int[MaxTokens];
        private readonly byte[] _chain = new byte[MaxChainBytes];
        private string _table;
        private int _chainLength;
        private int _tokens;
        private int _ruleFacts;
        private int _lines;

        public IptablesFacts(OpenWrtFactSheet sheet)
        {
            _sheet = sheet;
        }

        /// <summary>
        /// Lists the filter and nat tables through cgi-io at <paramref name="execUrl"/>, streamed line by line through
        /// <paramref name="scratch"/> (the ubus client's idle answer buffer; null: a line buffer of its own). A refusal or
        /// a router without iptables becomes an openwrt.limit fact.
        /// </summary>
        public static void Read(ProbeContext context, string execUrl, string sessionId, byte[] scratch, long deadline, int timeoutMs, OpenWrtFactSheet sheet)
        {
            IptablesFacts facts = new IptablesFacts(sheet);
            IptablesListing listing = new IptablesListing(facts, scratch);
            // One request for both tables: only its form body differs.
            HttpRequest request = new HttpRequest("POST", execUrl);
            request.ContentType = "application/x-www-form-urlencoded";
            request.MaxBodyBytes = MaxListingBytes;
            for (int t = 0; t < Tables.Length; t++)
            {
                long remaining = deadline - context.Clock.MonotonicMilliseconds;
                if (remaining <= 0) throw new UbusDataException("the check ran out of time before reading the live firewall (iptables)");
                request.Body = CgiDownload.Form("sessionid", sessionId, "command", CommandStart + Tables[t]);
                long allowed = 4L * timeoutMs;
                request.TimeoutMs = (int)(remaining < allowed ? remaining : allowed);
                facts.StartTable(Tables[t]);
                listing.Restart();
                HttpResponse response = context.Http.Send(request, listing);
                if (response.Outcome == HttpOutcome.Completed && response.StatusCode == 403)
                {
                    ReadLimits.Add(sheet, "iptables", "cgi-io refused to run iptables (HTTP 403): the account needs LuCI's firewall status rights (luci-mod-status-firewall)");
                    return;
                }
                if (response.Outcome == HttpOutcome.Completed && response.StatusCode == 404)
                {
                    ReadLimits.Add(sheet, "nft", "the router has neither nft nor iptables for cgi-io to run: the live firewall was not read");
                    return;
                }
                if (response.Outcome == HttpOutcome.BodyTooLarge) throw new UbusDataException("the live iptables " + Tables[t] + " table is larger than " + MaxListingBytes.ToString() + " bytes");
                if (response.Outcome != HttpOutcome.Completed) throw new UbusDataException("the live iptables " + Tables[t] + " table did not arrive: " + TransportText.Describe(response));
                if (response.StatusCode != 200) throw new UbusDataException("cgi-io answered the iptables request with HTTP status " + response.StatusCode.ToString());
                listing.Finish();
                if (facts._lines > MaxLines)
                {
                    ReadLimits.Add(sheet, "iptables-lines", "the live firewall lists more than " + MaxLines.ToString() + " lines; the rest were not read");
                    return;
                }
            }
            if (listing.Oversized > 0) ReadLimits.Add(sheet, "iptables-long", "firewall rules longer than " + IptablesListing.LineBytes.ToString() + " bytes were not read");
        }

        /// <summary>The table the next lines list (its chains follow).</summary>
        public void StartTable(string table)
        {
            _table = table;
            _chainLength = 0;
        }

        /// <summary>One line of "iptables -nvxL --line-numbers" output: a chain heading, the column heading, or a rule.</summary>
        public void ReadLine(byte[] line, int length)
        {
            if (++_lines > MaxLines) return;
            Split(line, length);
            if (_tokens == 0) return;
            if (Is(line, 0, "Chain"))
            {
                // "Chain NAME (policy ACCEPT 0 packets, 0 bytes)" or "Chain NAME (2 references)".
                _chainLength = _tokens > 1 ? Copy(line, 1) : 0;
                return;
            }
            if (_chainLength == 0 || !IsNumber(line, 0) || _tokens < 10) return;
            // num pkts bytes [target] prot opt in out source destination [matches]: an empty target column leaves one token less.
            int target;
            if (IsOption(line, 5)) target = 3;
            else return;
            if (StartsWith(_chain, _chainLength, "MINIUPNPD")) return;
            if (Fw3Tagged(line, target + 7)) return;
            bool accept = Is(line, target, "ACCEPT");
            bool redirect = Is(line, target, "DNAT") || Is(line, target, "REDIRECT");
            bool rewrite = Is(line, target, "SNAT") || Is(line, target, "MASQUERADE");
            bool block = Is(line, target, "DROP") || Is(line, target, "REJECT");
            if (!accept && !redirect && !rewrite && !block) return;
            if (_ruleFacts >= MaxRuleFacts)
            {
                ReadLimits.Add(_sheet, "iptables-rules", "more than " + MaxRuleFacts.ToString() + " firewall rules not made by firewall3; the rest were not reported");
                return;
            }
            _ruleFacts++;
            bool inbound = redirect || (accept && InboundChain());
            TextDigest digest = _sheet.Digest.Start();
            for (int k = target; k < _tokens; k++)
            {
                digest.Add(line, _tokenStart[k], _tokenEnd[k] - _tokenStart[k]);
                digest.Add(" ");
            }
            // The chain's name is the device's: escaped like any key segment ('=', '%' and control bytes never reach a key).
            TextBuilder chain = _summary.Clear();
            AppendAscii(chain, _chain, 0, _chainLength);
            string chainName = chain.ToString();
            TextBuilder key = _sheet.Text.Clear().Append(inbound ? "openwrt.iptables.open." : "openwrt.iptables.rule.").Append(_table).Append('.')
                .AppendKeySegment(chainName, MaxChainBytes).Append('.');
            _sheet.Add(digest.FinishHex16(key).ToString(), Sketch(line, target), FactKind.Config);
        }

        // "in eth1, tcp, dst 192.0.2.9, tcp dpt:4444: ACCEPT": what the rule matches (defaults left out), then its target and options.
        private string Sketch(byte[] line, int target)
        {
            TextBuilder s = _summary.Clear();
            AddPart(s, line, target + 3, "in ", "*");
            AddPart(s, line, target + 4, "out ", "*");
            AddPart(s, line, target + 1, null, "all");
            AddPart(s, line, target + 5, "src ", "0.0.0.0/0");
            AddPart(s, line, target + 6, "dst ", "0.0.0.0/0");
            int matchesEnd = _tokens;
            int targetOptions = TargetOptionsAt(line, target + 7);
            if (targetOptions > 0) matchesEnd = targetOptions;
            if (target + 7 < matchesEnd)
            {
                if (s.Length > 0) s.Append(", ");
                AppendTokens(s, line, target + 7, matchesEnd);
            }
            if (s.Length > 0) s.Append(": ");
            AppendTokens(s, line, target, target + 1);
            if (targetOptions > 0)
            {
                s.Append(' ');
                AppendTokens(s, line, targetOptions, _tokens);
            }
            return FactText.Clean(s.ToString(), 160);
        }

        // Where the target's own options start ("to:ADDR", "redir ports N", "reject-with X", "masq ports: N"), or -1.
        private int TargetOptionsAt(byte[] line, int from)
        {
            for (int k = from; k < _tokens; k++)
            {
                if (StartsWith(line, _tokenStart[k], _tokenEnd[k], "to:") || Is(line, k, "redir") || Is(line, k, "reject-with") || Is(line, k, "masq")) return k;
            }
            return -1;
        }

        private void AddPart(TextBuilder s, byte[] line, int k, string label, string unset)
        {
            if (k >= _tokens || Is(line, k, unset)) return;
            if (s.Length > 0) s.Append(", ");
            if (label != null) s.Append(label);
            AppendTokens(s, line, k, k + 1);
        }

        private void AppendTokens(TextBuilder s, byte[] line, int from, int to)
        {
            for (int k = from; k < to; k++)
            {
                if (k > from) s.Append(' ');
                AppendAscii(s, line, _tokenStart[k], _tokenEnd[k]);
            }
        }

        // Device bytes into a key or value: ASCII as it is, anything else as '?' (FactText cleans the rest).
        private static void AppendAscii(TextBuilder into, byte[] bytes, int start, int end)
        {
            for (int i = start; i < end; i++) into.Append(bytes[i] < 0x80 ? (char)bytes[i] : '?');
        }

        // A comment fw3 wrote: "/* !fw3 */" or "/* !fw3: NAME */" among the matches.
        private bool Fw3Tagged(byte[] line, int from)
        {
            for (int k = from; k + 1 < _tokens; k++)
            {
                if (Is(line, k, "/*") && StartsWith(line, _tokenStart[k + 1], _tokenEnd[k + 1], "!fw3")) return true;
            }
            return false;
        }

        private bool InboundChain()
        {
            if (SameAs(_chain, _chainLength, "INPUT") || SameAs(_chain, _chainLength, "FORWARD") || SameAs(_chain, _chainLength, "PREROUTING")) return true;
            if (StartsWith(_chain, _chainLength, "input") || StartsWith(_chain, _chainLength, "forward") || StartsWith(_chain, _chainLength, "prerouting")) return true;
            return StartsWith(_chain, _chainLength, "zone_") && (EndsWith(_chain, _chainLength, "_input") || EndsWith(_chain, _chainLength, "_forward") || EndsWith(_chain, _chainLength, "_prerouting"));
        }

        // Tokens are runs of bytes other than space and tab, at most MaxTokens (the rest of a longer line is not read).
        private void Split(byte[] line, int length)
        {
            _tokens = 0;
            int i = 0;
            while (i < length && _tokens < MaxTokens)
            {
                while (i < length && (line[i] == ' ' || line[i] == '\t')) i++;
                if (i >= length) break;
                _tokenStart[_tokens] = i;
                while (i < length && line[i] != ' ' && line[i] != '\t') i++;
                _tokenEnd[_tokens++] = i;
            }
        }

        // The chain name (token k) kept in _chain; 0 when it is longer than any iptables chain name can be.
        private int Copy(byte[] line, int k)
        {
            int n = _tokenEnd[k] - _tokenStart[k];
            if (n > MaxChainBytes) return 0;
            System.Array.Copy(line, _tokenStart[k], _chain, 0, n);
            return n;
        }

        private bool Is(byte[] line, int k, string text)
        {
            if (k >= _tokens) return false;
            int start = _tokenStart[k];
            return _tokenEnd[k] - start == text.Length && StartsWith(line, start, _tokenEnd[k], text);
        }

        private bool IsNumber(byte[] line, int k)
        {
            for (int i = _tokenStart[k]; i < _tokenEnd[k]; i++)
            {
                if (line[i] < '0' || line[i] > '9') return false;
            }
            return true;
        }

        // iptables' "opt" column: "--", "-f" or "!f".
        private bool IsOption(byte[] line, int k)
        {
            return Is(line, k, "--") || Is(line, k, "-f") || Is(line, k, "!f");
        }

        private static bool StartsWith(byte[] bytes, int start, int end, string text)
        {
            if (end - start < text.Length) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (bytes[start + i] != text[i]) return false;
            }
            return true;
        }

        private static bool StartsWith(byte[] bytes, int length, string text)
        {
            return StartsWith(bytes, 0, length, text);
        }

        private static bool EndsWith(byte[] bytes, int length, string text)
        {
            return length >= text.Length && StartsWith(bytes, length - text.Length, length, text);
        }

        private static bool SameAs(byte[] bytes, int length, string text)
        {
            return length == text.Length && StartsWith(bytes, 0, length, text);
        }
    }
}
