using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Static routes and policy-routing rules in uci config network (netifd's "route"/"route6" and "rule"/"rule6"
    /// sections): openwrt.route.&lt;16 hex of SHA-256 of the summary&gt; = "TARGET[/MASK] via GW dev IFACE [table T]
    /// [metric M]" and openwrt.rule.&lt;id&gt; = "[from SRC] [to DST] [iif IN] [oif OUT] [proto P] [mark M] lookup
    /// T|action A". A route or rule someone adds sends chosen traffic (a bank's addresses, the DNS servers) through
    /// another gateway or tunnel, where it can be read or changed. Disabled sections are left out.
    /// </summary>
    public static class RouteFacts
    {
        public const int MaxSections = 128;

        public static readonly string[] RouteOptions = new string[] { "interface", "target", "netmask", "gateway", "table", "metric", "source", "type", "disabled" };
        public static readonly string[] RuleOptions = new string[] { "in", "out", "src", "dest", "ipproto", "mark", "lookup", "action", "goto", "invert", "disabled" };

        public static void Read(UciPackage network, OpenWrtFactSheet sheet)
        {
            int read = 0;
            read = ReadRoutes(network.OfType("route"), "4", sheet, read);
            read = ReadRoutes(network.OfType("route6"), "6", sheet, read);
            read = ReadRules(network.OfType("rule"), "4", sheet, read);
            ReadRules(network.OfType("rule6"), "6", sheet, read);
        }

        private static int ReadRoutes(UciSection[] routes, string family, OpenWrtFactSheet sheet, int read)
        {
            for (int i = 0; i < routes.Length; i++)
            {
                UciSection r = routes[i];
                if (r.Flag("disabled", false)) continue;
                if (++read > MaxSections)
                {
                    ReadLimits.Add(sheet, "routes", "more than " + MaxSections.ToString() + " route and rule sections in uci config network; the rest were not read");
                    return read;
                }
                TextBuilder s = new TextBuilder(64).Append("ipv").Append(family).Append(' ');
                string type = Word(r, "type");
                if (type != null) s.Append(type).Append(' ');
                string target = Word(r, "target");
                s.Append(target == null ? "default" : target);
                string mask = Word(r, "netmask");
                if (mask != null) s.Append('/').Append(mask);
                Part(s, " via ", Word(r, "gateway"));
                Part(s, " dev ", Word(r, "interface"));
                Part(s, " from ", Word(r, "source"));
                Part(s, " table ", Word(r, "table"));
                Part(s, " metric ", Word(r, "metric"));
                Add(sheet, "openwrt.route.", s.ToString());
            }
            return read;
        }

        private static int ReadRules(UciSection[] rules, string family, OpenWrtFactSheet sheet, int read)
        {
            for (int i = 0; i < rules.Length; i++)
            {
                UciSection r = rules[i];
                if (r.Flag("disabled", false)) continue;
                if (++read > MaxSections)
                {
                    ReadLimits.Add(sheet, "routes", "more than " + MaxSections.ToString() + " route and rule sections in uci config network; the rest were not read");
                    return read;
                }
                TextBuilder s = new TextBuilder(64).Append("ipv").Append(family);
                if (r.Flag("invert", false)) s.Append(" not");
                Part(s, " from ", Word(r, "src"));
                Part(s, " to ", Word(r, "dest"));
                Part(s, " iif ", Word(r, "in"));
                Part(s, " oif ", Word(r, "out"));
                Part(s, " proto ", Word(r, "ipproto"));
                Part(s, " mark ", Word(r, "mark"));
                Part(s, " lookup ", Word(r, "lookup"));
                Part(s, " action ", Word(r, "action"));
                Part(s, " goto ", Word(r, "goto"));
                Add(sheet, "openwrt.rule.", s.ToString());
            }
            return read;
        }

        private static void Add(OpenWrtFactSheet sheet, string prefix, string summary)
        {
            string value = FactText.Clean(summary, 200);
            string key = sheet.Digest.Start().Add(value).FinishHex16(sheet.Text.Clear().Append(prefix)).ToString();
            sheet.Add(key, value, FactKind.Config);
        }

        private static void Part(TextBuilder s, string label, string word)
        {
            if (word != null) s.Append(label).Append(word);
        }

        // The option as one lower-case word (blanks collapsed), or null when absent or blank.
        private static string Word(UciSection section, string option)
        {
            string[] words = section.Words(option);
            if (words.Length == 0) return null;
            if (words.Length == 1) return UciText.Lower(FactText.Clean(words[0], 64));
            TextBuilder b = new TextBuilder(32);
            for (int i = 0; i < words.Length && i < 8; i++)
            {
                if (i > 0) b.Append(',');
                b.Append(UciText.Lower(FactText.Clean(words[i], 64)));
            }
            return b.ToString();
        }
    }
}
