using FlaxGuard.Engine.Facts;

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
    }
}
