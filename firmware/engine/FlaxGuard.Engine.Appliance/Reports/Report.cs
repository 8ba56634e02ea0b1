using System;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// What an appliance sends to the host after a round of checks. The counter rises by at least one
    /// with every report the appliance signs, so the host can refuse a replayed or reordered one.
    /// </summary>
    public sealed class Report
    {
        public const int MaxDeviceIdLength = 64;

        public Report(string deviceId, long counter, long timestampUnixSeconds, ReportTarget[] targets)
        {
            if (!IsValidDeviceId(deviceId)) throw new ArgumentException("device id must be 1 to 64 characters of letters, digits, '-', '_' or '.'", "deviceId");
            if (counter < 1) throw new ArgumentOutOfRangeException("counter", "the report counter starts at 1");
            if (targets == null) throw new ArgumentNullException("targets");
            DeviceId = deviceId;
            Counter = counter;
            TimestampUnixSeconds = timestampUnixSeconds;
            Targets = targets;
        }

        /// <summary>A LAN inventory report: no targets, the devices one discovery round found (sealed as envelope version 2).</summary>
        public Report(string deviceId, long counter, long timestampUnixSeconds, LanInventory inventory)
            : this(deviceId, counter, timestampUnixSeconds, new ReportTarget[0])
        {
            if (inventory == null) throw new ArgumentNullException("inventory");
            Inventory = inventory;
        }

        /// <summary>The LAN inventory of an inventory report; null for a check report.</summary>
        public LanInventory Inventory { get; private set; }

        /// <summary>The appliance that checked and signed, not a checked device.</summary>
        public string DeviceId { get; private set; }

        public long Counter { get; private set; }

        public long TimestampUnixSeconds { get; private set; }

        public ReportTarget[] Targets { get; private set; }

        public static bool IsValidDeviceId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxDeviceIdLength) return false;
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }
    }
}
