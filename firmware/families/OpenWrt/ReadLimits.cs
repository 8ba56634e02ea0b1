using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// openwrt.limit.&lt;what&gt; = why a list read from the router was cut short (too many lines, entries, folders or
    /// levels). Every list is bounded; a cut list is said, never silently shortened.
    /// </summary>
    public static class ReadLimits
    {
        public static void Add(OpenWrtFactSheet sheet, string what, string reason)
        {
            sheet.Add("openwrt.limit." + what, reason, FactKind.Config);
        }

        /// <summary>
        /// Moves <paramref name="reader"/> to the next line that is neither empty nor a '#' comment (trimmed) and counts it;
        /// false at the end of the text, or when <paramref name="max"/> such lines were read already, which adds
        /// openwrt.limit.WHAT = "more than MAX UNIT in PLACE; the rest were not read".
        /// </summary>
        public static bool NextSetting(TextLines reader, ref int count, int max, OpenWrtFactSheet sheet, string what, string unit, string place)
        {
            while (reader.Next())
            {
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                if (++count <= max) return true;
                Add(sheet, what, "more than " + max.ToString() + " " + unit + " in " + place + "; the rest were not read");
                return false;
            }
            return false;
        }
    }
}
