namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>Fact keys of the flash measurement. All are firmware facts; their drift is rated in OpenWrtFamily.</summary>
    public static class FlashFacts
    {
        public const string Prefix = "firmware.";

        /// <summary>The partitions /proc/mtd lists ("u-boot:0x30000 kernel:0x1e0000 ..."), or "none".</summary>
        public const string Layout = "firmware.flash.layout";

        /// <summary>Set only when the flash cannot be measured by its nature: "could not measure: &lt;reason&gt;".</summary>
        public const string Measurement = "firmware.flash.measurement";

        public const string KernelSha256 = "firmware.kernel.sha256";
        public const string KernelFormat = "firmware.kernel.format";
        public const string KernelBytes = "firmware.kernel.bytes";
        public const string RootfsSha256 = "firmware.rootfs.sha256";
        public const string RootfsBytes = "firmware.rootfs.bytes";

        /// <summary>OpenWrt's partition names (mtdsplit "kernel"/"rootfs" under "firmware").</summary>
        public const string KernelPartition = "kernel";
        public const string RootfsPartition = "rootfs";
    }
}
