using System.Collections;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The live firewall, read as LuCI's Status → Firewall page reads it: cgi-io's exec of
    /// "/usr/sbin/nft --terse --json list ruleset" (luci-mod-status-firewall grants cgi-io "exec" and file exec of that
    /// exact command line; cgi-io main.c main_exec checks both). fw4 builds table inet fw4 from uci config firewall and
    /// marks what it generated with comments "!fw4: ..." (firewall4 templates/ruleset.uc, rule.uc, redirect.uc); what an
    /// implant adds with "nft add/insert" carries no such mark. Facts, for what the config did not generate:
    /// openwrt.nft.table.&lt;family&gt;.&lt;name&gt; = present for every table but inet fw4;
    /// openwrt.nft.chain.inet.fw4.&lt;name&gt; = "hook=H policy=P" for a base chain fw4 does not make;
    /// openwrt.nft.open.&lt;family&gt;.&lt;table&gt;.&lt;chain&gt;.&lt;id&gt; for a rule that accepts traffic coming in (a chain on the
    /// input, forward or prerouting hook, or fw4's input*/forward* chains) or redirects it (dnat, redirect), and
    /// openwrt.nft.rule.* for other unmarked rules that accept, rewrite addresses (snat, masquerade) or drop and reject
    /// (Hajime and several Mirai variants add "iptables ... -j DROP" rules for the ports rival bots enter by; on fw4
    /// iptables-nft puts those rules in nft tables too); the value
    /// sketches the rule ("iifname wan, tcp dport 4444: accept"). fw4's own unmarked rules only jump, return, reject or
    /// offload; miniupnpd's upnp_* chains change with every mapping and are the UPnP probe's. The id digests the rule's
    /// statements without counters; handles, counters and the order of entries never reach a fact.
    /// </summary>
    public sealed class NftFacts
    {
        public const string Command = "/usr/sbin/nft --terse --json list ruleset";
        public const string ExecPath = "/cgi-bin/cgi-exec";
        public const int MaxChains = 256;
        public const int MaxRuleFacts = 64;
        public const int MaxStatements = 48;
        public const int MaxDescribed = 4;
        public const long MaxRulesetBytes = 2 * 1024 * 1024;

        // Base chains firewall4's ruleset.uc creates.
        private static readonly string[] Fw4BaseChains = new string[]
        {
            "input", "forward", "output", "prerouting", "dstnat", "srcnat", "raw_prerouting", "raw_output",
            "mangle_prerouting", "mangle_postrouting", "mangle_input", "mangle_output", "mangle_forward",
        };

        // What ReadEntry and Rule compare member names against: constants, so a name read from the answer's bytes
        // becomes one of these instead of a string of its own.
        private static readonly string[] EntryKinds = new string[] { "table", "chain", "rule" };
        private static readonly string[] StatementKinds = new string[] { "counter", "accept", "dnat", "redirect", "snat", "masquerade", "drop", "reject", "match" };
        // Longer names and texts (or ones with escapes) are read as strings instead.
        private const int RawBytes = 256;

        private readonly OpenWrtFactSheet _sheet;
        // Chains on an input, forward or prerouting hook ("family table name"): the only hooks a rule's fact depends on.
        private readonly ArrayList _inboundChains = new ArrayList();
        private int _hookedChains;
        private readonly TextBuilder _summary = new TextBuilder(96);
        private readonly TextBuilder _chainId = new TextBuilder(48);
        // One scratch buffer for the UTF-8 bytes of the names and texts compared or digested, instead of a string each.
        private readonly byte[] _raw = new byte[RawBytes];
        private int _ruleFacts;

        public NftFacts(OpenWrtFactSheet sheet)
        {
            _sheet = sheet;
        }

        /// <summary>
        /// Runs the command through cgi-io at <paramref name="execUrl"/> (the router's origin and <see cref="ExecPath"/>) and
        /// turns the ruleset into facts; a refusal becomes an openwrt.limit fact. The entries are
        /// gathered in <paramref name="scratch"/> (the ubus client's answer buffer, free once the ubus calls are done; null:
        /// a buffer of the sink's own) while they fit it.
        /// </summary>
        /// <returns>False when the router has no nft (firewall3 on iptables): the caller then reads iptables instead.</returns>
        public static bool Read(ProbeContext context, string execUrl, UbusSession session, byte[] scratch, long deadline, int timeoutMs, OpenWrtFactSheet sheet)
        {
            long remaining = deadline - context.Clock.MonotonicMilliseconds;
            if (remaining <= 0) throw new UbusDataException("the check ran out of time before reading the live firewall ruleset");
            HttpRequest request = new HttpRequest("POST", execUrl);
            request.ContentType = "application/x-www-form-urlencoded";
            request.Body = CgiDownload.Form("sessionid", session.SessionId, "command", Command);
            request.MaxBodyBytes = MaxRulesetBytes;
            // nft renders the whole ruleset before cgi-io sends a byte, which takes a slow router longer than one ubus call.
            long allowed = 4L * timeoutMs;
            request.TimeoutMs = (int)(remaining < allowed ? remaining : allowed);
            NftFacts facts = new NftFacts(sheet);
            NftRulesetSink sink = new NftRulesetSink(facts, session.AnswerTable, scratch);
            HttpResponse response = context.Http.Send(request, sink);
            if (response.Outcome == HttpOutcome.Completed && response.StatusCode == 403)
            {
                ReadLimits.Add(sheet, "nft", "cgi-io refused to run nft (HTTP 403): the account needs LuCI's firewall status rights (luci-mod-status-firewall)");
                return true;
            }
            // cgi-io's "Executable not found": firewall3 on iptables (or no cgi-io exec at all, which the iptables read tells).
            if (response.Outcome == HttpOutcome.Completed && response.StatusCode == 404) return false;
            if (sink.Problem != null) throw new UbusDataException("the live firewall ruleset (nft --json) is not readable: " + sink.Problem);
            if (response.Outcome == HttpOutcome.BodyTooLarge) throw new UbusDataException("the live firewall ruleset is larger than " + MaxRulesetBytes.ToString() + " bytes");
            if (response.Outcome != HttpOutcome.Completed) throw new UbusDataException("the live firewall ruleset did not arrive: " + TransportText.Describe(response));
            if (response.StatusCode != 200) throw new UbusDataException("cgi-io answered the ruleset request with HTTP status " + response.StatusCode.ToString());
            if (sink.Cut) ReadLimits.Add(sheet, "nft-entries", "the ruleset has more than " + NftRulesetSink.MaxEntries.ToString() + " entries; the rest were not read");
            else if (!sink.Complete) throw new UbusDataException("the live firewall ruleset ended before it was complete");
            if (sink.Oversized > 0) ReadLimits.Add(sheet, "nft-long", "ruleset entries longer than " + NftRulesetSink.EntryBytes.ToString() + " bytes were not read");
            return true;
        }

        /// <summary>One entry of the "nftables" array; returns why it is malformed, or null.</summary>
        public string ReadEntry(JsonValue entry)
        {
            if (!entry.IsObject || entry.Count != 1) return "an entry of the ruleset is not an object with one member";
            string kind = KnownKey(entry, EntryKinds);
            if (kind == null) return null;
            JsonValue body = entry.Item(0);
            if (kind == "table") return Table(body);
            if (kind == "chain") return Chain(body);
            return Rule(body);
        }

        // Strings are made only for what becomes a fact: the stock ruleset (fw4's own table, chains and marked rules) makes none.
        private string Table(JsonValue t)
        {
            if (!HasText(t, "family") || !HasText(t, "name")) return "a table of the ruleset has no family or name";
            if (t.MemberTextEquals("family", "inet") && t.MemberTextEquals("name", "fw4")) return null;
            _sheet.Add(_sheet.Text.Clear().Append("openwrt.nft.table.").AppendKeySegment(t.MemberText("family"), 16).Append('.')
                .AppendKeySegment(t.MemberText("name"), 48).ToString(), "present", FactKind.Config);
            return null;
        }

        private string Chain(JsonValue c)
        {
            if (!HasText(c, "family") || !HasText(c, "table") || !HasText(c, "name")) return "a chain of the ruleset has no family, table or name";
            if (!HasText(c, "hook")) return null;
            if (_hookedChains < MaxChains)
            {
                _hookedChains++;
                int known = FindInbound(ChainId(c, "name"));
                bool inbound = c.MemberTextEquals("hook", "input") || c.MemberTextEquals("hook", "forward") || c.MemberTextEquals("hook", "prerouting");
                if (inbound && known < 0) _inboundChains.Add(_chainId.ToString());
                else if (!inbound && known >= 0) _inboundChains.RemoveAt(known);
            }
            if (c.MemberTextEquals("family", "inet") && c.MemberTextEquals("table", "fw4") && !IsFw4BaseChain(c))
            {
                string policy = c.MemberText("policy");
                _sheet.Add(_sheet.Text.Clear().Append("openwrt.nft.chain.inet.fw4.").AppendKeySegment(c.MemberText("name"), 48).ToString(),
                    "hook=" + FactText.Clean(c.MemberText("hook"), 16) + " policy=" + (policy == null ? "accept" : FactText.Clean(policy, 16)), FactKind.Config);
            }
            return null;
        }

        private string Rule(JsonValue r)
        {
            if (!HasText(r, "family") || !HasText(r, "table") || !HasText(r, "chain")) return "a rule of the ruleset has no family, table or chain";
            JsonValue expr = r.Member("expr");
            if (expr == null || !expr.IsArray) return "a rule of the ruleset has no \"expr\" array";
            bool fw4 = r.MemberTextEquals("family", "inet") && r.MemberTextEquals("table", "fw4");
            if (fw4)
            {
                if (MemberStartsWith(r, "comment", "!fw4")) return null;
                if (MemberStartsWith(r, "chain", "upnp")) return null;
            }
            bool accept = false, redirect = false, rewrite = false, block = false;
            int n = expr.Count;
            if (n > MaxStatements) return "a rule of the ruleset has more than " + MaxStatements.ToString() + " statements";
            TextDigest digest = _sheet.Digest.Start();
            string verdict = null;
            for (int i = 0; i < n; i++)
            {
                JsonValue statement = expr.Item(i);
                if (!statement.IsObject || statement.Count != 1) return "a statement of a rule is not an object with one member";
                string what = KnownKey(statement, StatementKinds);
                // Counters change with every packet; they are not what the rule does.
                if (what == "counter") continue;
                if (!Canonical(statement, digest, 0)) return "a statement of a rule nests too deep";
                if (what == "accept") { accept = true; verdict = what; }
                else if (what == "dnat" || what == "redirect") { redirect = true; verdict = Target(what, statement.Item(0)); }
                else if (what == "snat" || what == "masquerade") { rewrite = true; verdict = Target(what, statement.Item(0)); }
                else if (what == "drop" || what == "reject") { block = true; verdict = what; }
            }
            if (!accept && !redirect && !rewrite && !block) return null;
            if (_ruleFacts >= MaxRuleFacts)
            {
                ReadLimits.Add(_sheet, "nft-rules", "more than " + MaxRuleFacts.ToString() + " firewall rules not made from the settings; the rest were not reported");
                return null;
            }
            _ruleFacts++;
            // The rule becomes a fact: only now its matches are described and its names made into strings.
            TextBuilder summary = _summary.Clear();
            int described = 0;
            for (int i = 0; i < n && described < MaxDescribed; i++)
            {
                JsonValue statement = expr.Item(i);
                if (KnownKey(statement, StatementKinds) == "match" && Describe(statement.Item(0), summary, described > 0)) described++;
            }
            string family = r.MemberText("family");
            string table = r.MemberText("table");
            string chain = r.MemberText("chain");
            bool inbound = redirect || (accept && (FindInbound(ChainId(r, "chain")) >= 0
                || (fw4 && (Ordinal.StartsWith(chain, "input") || Ordinal.StartsWith(chain, "forward")))));
            if (described > 0) summary.Append(": ");
            summary.Append(verdict);
            TextBuilder key = _sheet.Text.Clear().Append(inbound ? "openwrt.nft.open." : "openwrt.nft.rule.").AppendKeySegment(family, 16).Append('.')
                .AppendKeySegment(table, 48).Append('.').AppendKeySegment(chain, 48).Append('.');
            _sheet.Add(digest.FinishHex16(key).ToString(), FactText.Clean(summary.ToString(), 160), FactKind.Config);
            return null;
        }

        // {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}} | {"meta": {"key": "iifname"}}, "right": 4444}
        private static bool Describe(JsonValue match, TextBuilder into, bool more)
        {
            if (!match.IsObject) return false;
            JsonValue left = match.Member("left");
            JsonValue right = match.Member("right");
            if (left == null || right == null || !left.IsObject || left.Count != 1) return false;
            string right0 = right.Text;
            if (right0 == null) right0 = right.IsArray ? "{...}" : "set";
            JsonValue inner = left.Item(0);
            string kind = left.KeyAt(0);
            string a = null, b = null;
            if (kind == "payload") { a = inner.MemberText("protocol"); b = inner.MemberText("field"); }
            else if (kind == "meta" || kind == "ct") { a = kind == "ct" ? "ct" : null; b = inner.MemberText("key"); }
            if (b == null) return false;
            if (more) into.Append(", ");
            if (a != null) into.Append(FactText.Clean(a, 16)).Append(' ');
            into.Append(FactText.Clean(b, 16)).Append(' ');
            string op = match.MemberText("op");
            if (op != null && op != "==" && op != "in") into.Append(FactText.Clean(op, 4)).Append(' ');
            into.Append(FactText.Clean(right0, 48));
            return true;
        }

        // "dnat to 203.0.113.53:53": where a NAT statement sends traffic, when it names a plain address and port.
        private static string Target(string what, JsonValue nat)
        {
            if (!nat.IsObject) return what;
            string addr = nat.MemberText("addr");
            string port = nat.MemberText("port");
            if (addr == null && port == null) return what;
            TextBuilder b = new TextBuilder(48).Append(what).Append(" to ");
            if (addr != null) b.Append(FactText.Clean(addr, 48));
            if (port != null) b.Append(':').Append(FactText.Clean(port, 8));
            return b.ToString();
        }

        // A canonical text of a statement into the digest: member names, kinds and scalar texts, in the device's order.
        private bool Canonical(JsonValue v, TextDigest digest, int depth)
        {
            if (depth > 12) return false;
            JsonKind kind = v.Kind;
            if (kind == JsonKind.Object)
            {
                digest.Add("{");
                int n = v.Count;
                for (int i = 0; i < n; i++)
                {
                    int raw = v.KeyRawAt(i, _raw);
                    if (raw >= 0) digest.Add(_raw, 0, raw);
                    else digest.Add(v.KeyAt(i));
                    digest.Add(":");
                    if (!Canonical(v.Item(i), digest, depth + 1)) return false;
                }
                digest.Add("}");
                return true;
            }
            if (kind == JsonKind.Array)
            {
                digest.Add("[");
                int n = v.Count;
                for (int i = 0; i < n; i++)
                {
                    if (!Canonical(v.Item(i), digest, depth + 1)) return false;
                    digest.Add(",");
                }
                digest.Add("]");
                return true;
            }
            digest.Add(kind == JsonKind.String ? "\"" : "#");
            int count = v.RawText(_raw);
            if (count >= 0) digest.Add(_raw, 0, count);
            else digest.Add(v.Text);
            digest.Add(";");
            return true;
        }

        // The constant of <paramref name="known"/> that the object's only member is named, or null for another name.
        private string KnownKey(JsonValue v, string[] known)
        {
            int n = v.KeyRawAt(0, _raw);
            string name = n < 0 ? v.KeyAt(0) : null;
            for (int i = 0; i < known.Length; i++)
            {
                if (name == null ? RawIs(n, known[i]) : name == known[i]) return known[i];
            }
            return null;
        }

        // Whether the member is there with a text MemberText gives (a string, number or boolean).
        private static bool HasText(JsonValue v, string name)
        {
            JsonKind kind;
            if (!v.TryMemberKind(name, out kind)) return false;
            return kind == JsonKind.String || kind == JsonKind.Number || kind == JsonKind.True || kind == JsonKind.False;
        }

        // Whether MemberText(name) starts with prefix (ASCII), read from the answer's bytes when they are plain.
        private bool MemberStartsWith(JsonValue v, string name, string prefix)
        {
            int n = v.MemberRawText(name, _raw);
            if (n >= 0) return n >= prefix.Length && RawIs(prefix.Length, prefix);
            string text = v.MemberText(name);
            return text != null && Ordinal.StartsWith(text, prefix);
        }

        // Whether _raw[0, n) holds exactly text (ASCII).
        private bool RawIs(int n, string text)
        {
            if (n != text.Length) return false;
            for (int i = 0; i < n; i++) if (_raw[i] != text[i]) return false;
            return true;
        }

        private static bool IsFw4BaseChain(JsonValue chain)
        {
            for (int i = 0; i < Fw4BaseChains.Length; i++) if (chain.MemberTextEquals("name", Fw4BaseChains[i])) return true;
            return false;
        }

        // "family table name" of a chain (or of a rule's chain) into _chainId, as MemberText gives each part.
        private TextBuilder ChainId(JsonValue v, string nameMember)
        {
            TextBuilder id = _chainId.Clear();
            AppendText(v, "family", id);
            id.Append(' ');
            AppendText(v, "table", id);
            id.Append(' ');
            AppendText(v, nameMember, id);
            return id;
        }

        // MemberText(name) appended, from the answer's bytes when they are plain ASCII.
        private void AppendText(JsonValue v, string name, TextBuilder into)
        {
            int n = v.MemberRawText(name, _raw);
            bool ascii = n >= 0;
            for (int i = 0; i < n && ascii; i++) ascii = _raw[i] < 0x80;
            if (!ascii)
            {
                into.Append(v.MemberText(name));
                return;
            }
            for (int i = 0; i < n; i++) into.Append((char)_raw[i]);
        }

        private int FindInbound(TextBuilder id)
        {
            for (int i = 0; i < _inboundChains.Count; i++)
            {
                if (id.ContentEquals((string)_inboundChains[i])) return i;
            }
            return -1;
        }
    }
}
