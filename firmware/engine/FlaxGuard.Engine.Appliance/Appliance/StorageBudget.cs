namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// How the ESP32's I: drive is shared. On a 4 MB board the drive is the 256 KiB LittleFS "config" partition
    /// (0x3C0000, 0x40000 in nf-interpreter's partitions_nanoclr_4mb.csv): 64 blocks of 4 KiB, and it also holds
    /// the device's network (Wi-Fi) configuration and certificate store. LittleFS gives every file at least one
    /// block and needs free blocks to copy on write, and every replace here writes a temporary copy first, so
    /// each item is budgeted in whole blocks with room for its copy.
    /// <code>
    ///  block  KiB   what
    ///     8    32   LittleFS superblocks, directory metadata pairs, copy-on-write reserve (kept free)
    ///     4    16   nanoFramework network configuration (Wi-Fi) and certificate store, written by nanoff
    ///     2     8   flaxguard.json (provisioning: host URL, id, key, CA) and its replace copy
    ///     2     8   report counter and job version, each one block
    ///    20    80   last good job (JobEnvelope as received, credentials still encrypted): 40 KiB + replace copy
    ///    24    96   report queue: whole reports, each written under a temporary name and renamed (no second copy),
    ///               oldest dropped first when full
    ///     4    16   spare
    ///    64   256   total
    /// </code>
    /// </summary>
    public static class StorageBudget
    {
        public const int DriveBytes = 256 * 1024;
        public const int BlockBytes = 4096;

        public const int FileSystemReserveBytes = 32 * 1024;
        public const int NetworkConfigBytes = 16 * 1024;
        public const int ProvisioningBytes = 8 * 1024;
        public const int CountersBytes = 8 * 1024;

        /// <summary>The largest job the dongle keeps; a larger one is refused with a reason (give it fewer targets).</summary>
        public const int MaxJobBytes = 40 * 1024;
        public const int JobBytes = 2 * MaxJobBytes;

        /// <summary>Storage for queued reports, counted in whole blocks.</summary>
        public const int ReportQueueBytes = 96 * 1024;

        /// <summary>The largest single report the dongle queues (a round over many targets is split by the caller).</summary>
        public const int MaxReportBytes = 32 * 1024;

        public const int MaxQueuedReports = 24;

        public const int SpareBytes = DriveBytes - FileSystemReserveBytes - NetworkConfigBytes - ProvisioningBytes - CountersBytes - JobBytes - ReportQueueBytes;
    }
}
