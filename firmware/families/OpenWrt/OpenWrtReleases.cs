using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Whether the router runs an official OpenWrt build: the release version and its revision must be one of the
    /// published releases below (the "version_code" of each release's profiles.json on downloads.openwrt.org, e.g.
    /// releases/23.05.5/targets/mediatek/mt7622/profiles.json). openwrt.build-origin = "official", "not an official
    /// OpenWrt build" (a published version with another revision: built from other sources, or altered), or
    /// "release not in the list" (cannot tell). Whether the board itself belongs to that release is the firmware
    /// database's check (hashes/known-good/openwrt.tsv, by board name and version).
    /// </summary>
    public static class OpenWrtReleases
    {
        public const string Official = "official";
        public const string NotOfficial = "not an official OpenWrt build";
        public const string NotListed = "release not in the list";

        // version, revision: one row per published release (add a row per new release).
        private static readonly string[] Published = new string[]
        {
            "22.03.5", "r20134-5f15225c1e",
            "23.05.3", "r23809-234f1a2efa",
            "23.05.4", "r24012-d8dd03c46f",
            "23.05.5", "r24106-10cc5fcd00",
        };

        /// <summary>The verdict word for a reported version and revision.</summary>
        public static string Origin(string version, string revision)
        {
            bool versionKnown = false;
            for (int i = 0; i + 1 < Published.Length; i += 2)
            {
                if (Published[i] != version) continue;
                versionKnown = true;
                if (Published[i + 1] == revision) return Official;
            }
            return versionKnown ? NotOfficial : NotListed;
        }

        public static void Read(string distribution, string version, string revision, OpenWrtFactSheet sheet)
        {
            // Only OpenWrt itself publishes these; a vendor distribution built on it is "release not in the list".
            string origin = distribution == "OpenWrt" ? Origin(version, revision) : NotListed;
            sheet.Add("openwrt.build-origin", origin, FactKind.Firmware);
        }
    }
}
