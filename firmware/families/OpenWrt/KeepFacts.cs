using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// What survives a reflash: sysupgrade keeps every path listed in /etc/sysupgrade.conf and in the files of
    /// /lib/upgrade/keep.d (one per package), so an implant listed there comes back after the owner "cleans" the
    /// router with a firmware upgrade that keeps settings. Facts: openwrt.keep.&lt;path&gt; = sysupgrade.conf for each
    /// path in /etc/sysupgrade.conf, openwrt.keep-list.&lt;name&gt; = present for each file in /lib/upgrade/keep.d.
    /// </summary>
    public static class KeepFacts
    {
        public const int MaxPaths = 64;
        public const int MaxKeepFiles = 64;

        public static void ReadSysupgradeConf(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int paths = 0;
            TextLines reader = sheet.Lines(text);
            while (ReadLimits.NextSetting(reader, ref paths, MaxPaths, sheet, "sysupgrade-conf", "paths", "/etc/sysupgrade.conf"))
            {
                sheet.Add(sheet.Text.Clear().Append("openwrt.keep.").AppendKeySegment(reader.Text, reader.Start, reader.Length, 120).ToString(), "sysupgrade.conf", FactKind.Config);
            }
        }

        /// <summary>The names of the files in /lib/upgrade/keep.d (from a file.list answer, already read into names).</summary>
        public static void ReadKeepDirectory(string[] names, OpenWrtFactSheet sheet)
        {
            if (names == null) return;
            for (int i = 0; i < names.Length; i++)
            {
                if (i >= MaxKeepFiles)
                {
                    ReadLimits.Add(sheet, "keep-d", "more than " + MaxKeepFiles.ToString() + " files in /lib/upgrade/keep.d; the rest were not read");
                    return;
                }
                sheet.Add(sheet.Text.Clear().Append("openwrt.keep-list.").AppendKeySegment(names[i], 64).ToString(), "present", FactKind.Config);
            }
        }
    }
}
