using System;
using System.Collections;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Facts
{
    /// <summary>
    /// Decides which fact keys describe values that change on their own (uptime, counters, clocks,
    /// session ids, DHCP leases). Those never become facts: a drift detector that cries wolf gets switched off.
    /// Patterns are globs where '*' matches any run of characters.
    /// </summary>
    public sealed class VolatileKeyFilter
    {
        /// <summary>The built-in patterns; probes name such values with these segments.</summary>
        public static readonly string[] DefaultPatterns = new string[]
        {
            "*.uptime", "*.uptime.*",
            "*.counter", "*.counter.*", "*.counters.*",
            "*.rx_bytes", "*.tx_bytes", "*.rx_packets", "*.tx_packets",
            "*.time", "*.localtime", "*.clock", "*.date",
            "*.session", "*.session.*", "*.sessionid", "*.nonce",
            "*.lease", "*.lease.*", "*.leases.*",
            "*.load", "*.load.*", "*.memory.free", "*.memory.used", "*.cpu.*",
            "*.temperature", "*.rssi",
        };

        private readonly ArrayList _patterns = new ArrayList();

        public VolatileKeyFilter()
        {
        }

        public VolatileKeyFilter(string[] patterns)
        {
            if (patterns == null) throw new ArgumentNullException("patterns");
            for (int i = 0; i < patterns.Length; i++) AddPattern(patterns[i]);
        }

        public static VolatileKeyFilter CreateDefault()
        {
            return new VolatileKeyFilter(DefaultPatterns);
        }

        public int PatternCount { get { return _patterns.Count; } }

        public void AddPattern(string pattern)
        {
            if (pattern == null || pattern.Length == 0) throw new ArgumentException("volatile-key pattern is empty", "pattern");
            _patterns.Add(pattern);
        }

        public bool IsVolatile(string key)
        {
            for (int i = 0; i < _patterns.Count; i++)
            {
                if (Ordinal.GlobMatch((string)_patterns[i], key)) return true;
            }
            return false;
        }
    }
}
