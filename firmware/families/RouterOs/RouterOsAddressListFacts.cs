using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Static entries of /ip/firewall/address-list and /ipv6/firewall/address-list: PREFIX.accept.LIST.ADDRESS when an
    /// enabled, static accept rule of the input or forward chain names LIST as its src-address-list (an address added
    /// there is let in: attackers add their own to a "trusted" or "allowed" list instead of touching the rules), else
    /// PREFIX.entry.LIST.ADDRESS. PREFIX is cfg.address-list (IPv4) or cfg.address-list6. Dynamic entries and entries
    /// with a timeout (port-scan and blocklist scripts add and expire them by the thousand) are never facts; the probe
    /// asks for dynamic=false only, and skips any with a timeout that still comes. List and address are read in place.
    /// </summary>
    public static class RouterOsAddressListFacts
    {
        /// <summary>
        /// Called for each enabled, static filter rule: remembers the src-address-list of an accept rule in input or
        /// forward (a negated "!LIST" lets in everyone else and is not noted).
        /// </summary>
        public static void NoteAcceptRule(JsonValue rule, string chain, string action, RouterOsFactBuffer facts, bool ipv6)
        {
            if (action != "accept" || (chain != "input" && chain != "forward")) return;
            JsonKind kind;
            if (!rule.TryMemberKind("src-address-list", out kind)) return;
            string list = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(rule, "src-address-list"), 64);
            if (list.Length == 0 || list[0] == '!') return;
            ArrayList accepted = facts.AcceptedLists(ipv6, true);
            if (!accepted.Contains(list)) accepted.Add(list);
        }

        /// <summary>One fact per static entry (see the class summary), after the filter rules of the same family were read.</summary>
        public static string FromEntries(JsonValue entries, bool ipv6, RouterOsFactBuffer facts)
        {
            string prefix = ipv6 ? "cfg.address-list6" : "cfg.address-list";
            ArrayList accepted = facts.AcceptedLists(ipv6, false);
            RouterOsRuleDigest inPlace = facts.RuleDigest;
            for (int i = 0; i < entries.Count; i++)
            {
                JsonValue entry = entries.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(entry, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(entry, "dynamic", false, ref problem);
                if (problem != null) return "address-list entry " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic || HasTimeout(entry)) continue;
                bool isAccepted = false;
                for (int k = 0; accepted != null && k < accepted.Count && !isAccepted; k++) isAccepted = entry.MemberTextEquals("list", (string)accepted[k]);
                TextBuilder key = facts.Text.Clear().Append(prefix).Append(isAccepted ? ".accept." : ".entry.");
                if (AppendMember(entry, "list", 64, inPlace, key) == 0) return "address-list entry " + (i + 1).ToString() + " names no list";
                key.Append('.');
                if (AppendMember(entry, "address", 100, inPlace, key) == 0) return "address-list entry " + (i + 1).ToString() + " has no address";
                facts.Add(key.ToString(), isAccepted ? "accepted" : "listed", FactKind.Config);
            }
            return null;
        }

        // RouterOS prints a static entry without "timeout"; one that will expire has it set.
        private static bool HasTimeout(JsonValue entry)
        {
            JsonKind kind;
            return entry.TryMemberKind("timeout", out kind) && !entry.MemberTextEquals("timeout", "");
        }

        // In place when plain, else cleaned, lower-cased and escaped as a key segment; the length appended (0: none).
        private static int AppendMember(JsonValue entry, string name, int max, RouterOsRuleDigest inPlace, TextBuilder key)
        {
            int length = inPlace.AppendKeyMember(entry, name, max, key);
            if (length >= 0) return length;
            string value = Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(entry, name), max));
            key.AppendKeySegment(value, max);
            return value.Length;
        }
    }
}
