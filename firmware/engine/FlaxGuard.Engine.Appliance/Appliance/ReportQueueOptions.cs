using System;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Bounds of the report queue. Every stored report is charged whole storage blocks, because a flash file
    /// system allocates in blocks: on the ESP32's LittleFS I: drive a 300-byte report still takes a 4 KiB block.
    /// </summary>
    public sealed class ReportQueueOptions
    {
        public ReportQueueOptions(long budgetBytes, int blockBytes, int maxReports)
        {
            if (blockBytes < 1) throw new ArgumentOutOfRangeException("blockBytes");
            if (budgetBytes < blockBytes) throw new ArgumentOutOfRangeException("budgetBytes", "the budget must hold at least one block");
            if (maxReports < 1) throw new ArgumentOutOfRangeException("maxReports");
            BudgetBytes = budgetBytes;
            BlockBytes = blockBytes;
            MaxReports = maxReports;
        }

        /// <summary>Storage the queue may use, counted in whole blocks.</summary>
        public long BudgetBytes { get; private set; }

        /// <summary>Allocation unit of the storage (4096 for LittleFS on ESP32, 1 where it does not matter).</summary>
        public int BlockBytes { get; private set; }

        /// <summary>At most this many reports are kept, whatever their size.</summary>
        public int MaxReports { get; private set; }

        /// <summary>Bytes a report of <paramref name="length"/> bytes is charged: rounded up to whole blocks.</summary>
        public long Charge(int length)
        {
            long blocks = (length + (long)BlockBytes - 1) / BlockBytes;
            if (blocks < 1) blocks = 1;
            return blocks * BlockBytes;
        }

        /// <summary>The ESP32 dongle: see <see cref="StorageBudget"/> for how the 256 KiB I: drive is shared.</summary>
        public static ReportQueueOptions ForEsp32()
        {
            return new ReportQueueOptions(StorageBudget.ReportQueueBytes, StorageBudget.BlockBytes, StorageBudget.MaxQueuedReports);
        }

        /// <summary>A Linux appliance: 64 MiB, 10,000 reports, 4 KiB blocks (ext4's default).</summary>
        public static ReportQueueOptions ForLinux()
        {
            return new ReportQueueOptions(64L * 1024 * 1024, 4096, 10000);
        }
    }
}
