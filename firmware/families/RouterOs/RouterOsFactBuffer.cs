using System.Collections;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Holds the probe's facts until every menu was read (a partly read router is "could not verify", not half a
    /// fact set). Two items that map to one key (two dst-nat rules for one port on different interfaces, one key
    /// for two users) keep both values, sorted and joined with ',', so neither hides the other and list order never matters.
    /// </summary>
    public sealed class RouterOsFactBuffer : FactWorkspace
    {
        // A stock router gives about 75 facts (tunnels, tasks, reach, issue 13's third and fourth rounds, IPv6 defconf
        // included): room for them from the start, since growing the tables past 64 would copy them into twice the size.
        private const int ExpectedKeys = 96;

        private readonly ArrayList _verdicts = new ArrayList();

        public RouterOsFactBuffer() : base(",", ExpectedKeys)
        {
        }

        private RouterOsRuleDigest _ruleDigest;

        /// <summary>Digests and normalises rule members in place (made on first use, reused for every rule).</summary>
        public RouterOsRuleDigest RuleDigest
        {
            get
            {
                // One SHA-256 for both: each digest is finished before the other starts.
                if (_ruleDigest == null) _ruleDigest = new RouterOsRuleDigest(Digest.Hasher);
                return _ruleDigest;
            }
        }

        private RouterOsListItems _listItems;

        /// <summary>Reads comma lists in place (made on first use, reused for every list).</summary>
        public RouterOsListItems ListItems
        {
            get
            {
                if (_listItems == null) _listItems = new RouterOsListItems();
                return _listItems;
            }
        }

        private ArrayList _acceptedLists;
        private ArrayList _acceptedLists6;

        /// <summary>
        /// Names of the address lists that accept rules of the input or forward chain let in (IPv4 or IPv6 filter); null
        /// when none does and <paramref name="create"/> is false.
        /// </summary>
        public ArrayList AcceptedLists(bool ipv6, bool create)
        {
            if (ipv6)
            {
                if (_acceptedLists6 == null && create) _acceptedLists6 = new ArrayList();
                return _acceptedLists6;
            }
            if (_acceptedLists == null && create) _acceptedLists = new ArrayList();
            return _acceptedLists;
        }

        /// <summary>Verdicts the facts call for on every check, baseline or not (one per package at most).</summary>
        public ArrayList Verdicts { get { return _verdicts; } }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Get(string key)
        {
            return Value(key);
        }
    }
}
