namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>One line of /proc/mtd: mtdN, its size and erase size in bytes, and its name.</summary>
    public sealed class MtdPartition
    {
        public MtdPartition(int index, long size, long eraseSize, string name)
        {
            Index = index;
            Size = size;
            EraseSize = eraseSize;
            Name = name;
        }

        public int Index { get; private set; }

        public long Size { get; private set; }

        public long EraseSize { get; private set; }

        public string Name { get; private set; }

        /// <summary>The block device cgi-io streams and LuCI's luci-mod-system-flash ACL grants ("/dev/mtdblock[0-9]*").</summary>
        public string BlockDevice { get { return "/dev/mtdblock" + Index.ToString(); } }
    }
}
