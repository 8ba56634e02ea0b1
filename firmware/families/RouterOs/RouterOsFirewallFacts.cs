using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Every enabled, static rule of /ip/firewall/filter, nat, mangle and raw, of every chain and action:
    /// cfg.firewall|nat|mangle|raw.CHAIN.ACTION.DIGEST (dstnat dst-nat rules stay cfg.forward.PROTO.PORT), and of
    /// /ipv6/firewall/filter and nat as cfg.firewall6|nat6.CHAIN.ACTION.DIGEST. The filters' accept rules also note which
    /// address lists they let in (see RouterOsAddressListFacts).
    /// The digest covers the rule's matchers and targets, read in name order and normalised (flags in either spelling,
    /// comma lists in any order, case), so renumbered ".id"s, counters, comments and the order RouterOS lists the rules
    /// in give no drift, while an added accept rule, a removed drop rule or a redirect (Meris pointed DNS and web
    /// traffic at its own resolvers and proxies this way) does. The value is a short summary for the owner.
    /// </summary>
    public static class RouterOsFirewallFacts
    {
        // Members that move by themselves, only label a rule, or are read separately.
        private static readonly string[] Ignored = new string[] { ".id", ".nextid", "bytes", "packets", "hits", "invalid", "inactive", "dynamic", "disabled", "comment" };

        // Members shown in the value, in this order.
        private static readonly string[] Shown = new string[] { "protocol", "connection-state", "in-interface", "in-interface-list", "src-address", "dst-address", "dst-port", "to-addresses", "to-ports", "new-routing-mark" };

        private const int MaxMembers = 64;

        // Chains and actions as RouterOS writes them, matched in place so the usual rule makes no string for them.
        private static readonly string[] Chains = new string[] { "input", "forward", "output", "srcnat", "dstnat", "prerouting", "postrouting" };
        private static readonly string[] Actions = new string[]
        {
            "accept", "drop", "reject", "fasttrack-connection", "passthrough", "return", "jump", "log", "masquerade", "src-nat", "dst-nat",
            "redirect", "netmap", "notrack", "mark-routing", "mark-connection", "mark-packet", "change-mss", "tarpit",
            "add-src-to-address-list", "add-dst-to-address-list",
        };

        public static string FromFilter(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.firewall.", false, Ipv4Lists);
        }

        /// <summary>/ipv6/firewall/filter: cfg.firewall6.CHAIN.ACTION.DIGEST, rated like the IPv4 filter.</summary>
        public static string FromFilter6(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.firewall6.", false, Ipv6Lists);
        }

        /// <summary>/ipv6/firewall/nat (RouterOS 7): cfg.nat6.CHAIN.ACTION.DIGEST for every rule, dst-nat included (IPv6 has no cfg.forward keys).</summary>
        public static string FromNat6(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.nat6.", false, NoLists);
        }

        // Which address lists a rule set's accept rules are noted for (only the filters let addresses in).
        private const int NoLists = 0;
        private const int Ipv4Lists = 4;
        private const int Ipv6Lists = 6;

        /// <summary>NAT rules other than dstnat dst-nat (those are <see cref="RouterOsNetworkFacts.FromNat"/>'s port forwards).</summary>
        public static string FromNat(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.nat.", true, NoLists);
        }

        /// <summary>/ip/firewall/mangle: cfg.mangle.CHAIN.ACTION.DIGEST (mark-routing sends traffic to another routing table, e.g. a tunnel).</summary>
        public static string FromMangle(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.mangle.", false, NoLists);
        }

        /// <summary>/ip/firewall/raw: cfg.raw.CHAIN.ACTION.DIGEST (notrack or accept here skips the connection-state rules of the filter).</summary>
        public static string FromRaw(JsonValue rules, RouterOsFactBuffer facts)
        {
            return FromRules(rules, facts, "cfg.raw.", false, NoLists);
        }

        private static string FromRules(JsonValue rules, RouterOsFactBuffer facts, string prefix, bool skipForwards, int lists)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(rule, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(rule, "dynamic", false, ref problem);
                if (problem != null) return "rule " + (i + 1).ToString() + ": " + problem;
                // Dynamic rules (UPnP, hotspot, services) come and go by themselves; disabled ones do nothing.
                if (disabled || dynamic) continue;
                if (rule.Count > MaxMembers) return "rule " + (i + 1).ToString() + " has more than " + MaxMembers.ToString() + " properties";
                string chain = Known(rule, "chain", Chains);
                if (chain == null) chain = Lower(RouterOsShape.CheckedField(rule, "chain"), 32);
                if (chain.Length == 0) return "rule " + (i + 1).ToString() + " has no chain";
                string action = Known(rule, "action", Actions);
                if (action == null) action = Lower(RouterOsShape.CheckedField(rule, "action"), 32);
                // RouterOS leaves out a property at its default; the default action is accept.
                if (action.Length == 0) action = "accept";
                if (skipForwards && chain == "dstnat" && action == "dst-nat") continue;
                if (lists != NoLists) RouterOsAddressListFacts.NoteAcceptRule(rule, chain, action, facts, lists == Ipv6Lists);
                string key = AppendDigest(rule, facts, facts.Text.Clear().Append(prefix).AppendKeySegment(chain, 32).Append('.').AppendKeySegment(action, 32).Append('.')).ToString();
                facts.Add(key, Summary(rule, facts), FactKind.Config);
            }
            return null;
        }

        /// <summary>
        /// Appends <see cref="Digest"/>'s 16 hex digits, computed in place from the answer's bytes when the rule is plain
        /// ASCII (the usual case), else through <see cref="Digest"/>; both give the same digest.
        /// </summary>
        public static TextBuilder AppendDigest(JsonValue rule, RouterOsFactBuffer facts, TextBuilder into)
        {
            RouterOsRuleDigest inPlace = facts.RuleDigest;
            if (inPlace.Compute(rule, Ignored)) return inPlace.AppendHex16(into);
            return into.Append(Digest(rule, facts.Digest));
        }

        /// <summary>16 hex digits over the rule's normalised properties in name order (see the class summary).</summary>
        public static string Digest(JsonValue rule, TextDigest digest)
        {
            int n = rule.Count;
            // Each kept name is made a string once (KeyAt copies on every call), sorted with its member index.
            string[] names = new string[n];
            int[] order = new int[n];
            int kept = 0;
            for (int m = 0; m < n; m++)
            {
                string name = rule.KeyAt(m);
                if (IsIgnored(name)) continue;
                // Insertion by ordinal name: a few dozen members at most.
                int at = kept;
                while (at > 0 && Ordinal.Compare(names[at - 1], name) > 0)
                {
                    names[at] = names[at - 1];
                    order[at] = order[at - 1];
                    at--;
                }
                names[at] = name;
                order[at] = m;
                kept++;
            }
            digest.Start().Add("routeros-rule\n");
            for (int k = 0; k < kept; k++)
            {
                string value = Normalized(rule.TextAt(order[k]));
                if (value.Length == 0) continue;
                digest.Add(names[k]).Add("=").Add(value).Add("\n");
            }
            return digest.FinishHex16();
        }

        /// <summary>A flag as true/false, anything else as a sorted, lower-cased comma list.</summary>
        public static string Normalized(string raw)
        {
            if (raw == null) return string.Empty;
            int flag = RouterOsText.Flag(raw);
            if (flag == 1) return "true";
            if (flag == 0) return "false";
            return RouterOsText.NormalizedListText(raw);
        }

        private static string Summary(JsonValue rule, RouterOsFactBuffer facts)
        {
            TextBuilder text = facts.Text.Clear();
            RouterOsRuleDigest inPlace = facts.RuleDigest;
            for (int i = 0; i < Shown.Length; i++)
            {
                int length = inPlace.NormalizeMember(rule, Shown[i]);
                if (length == 0) continue;
                string value = length < 0 ? Normalized(RouterOsShape.CheckedField(rule, Shown[i])) : null;
                if (value != null && value.Length == 0) continue;
                if (text.Length > 0) text.Append(' ');
                text.Append(Shown[i]).Append('=');
                if (value == null) inPlace.AppendValue(length, 80, text);
                else text.Append(FactText.Clean(value, 80));
            }
            return text.Length == 0 ? "any" : text.ToString();
        }

        /// <summary>The constant among <paramref name="values"/> the member reads exactly, or null (then it is read and cleaned).</summary>
        private static string Known(JsonValue rule, string member, string[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (rule.MemberTextEquals(member, values[i])) return values[i];
            }
            return null;
        }

        private static bool IsIgnored(string name)
        {
            for (int i = 0; i < Ignored.Length; i++)
            {
                if (Ignored[i] == name) return true;
            }
            return false;
        }

        private static string Lower(string raw, int max)
        {
            return Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(raw, max));
        }
    }
}
