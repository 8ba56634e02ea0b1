using System;
using FlaxGuard.Engine.Families;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// One device an appliance checks. <see cref="User"/> and <see cref="Password"/> are clear only in memory:
    /// on the wire and in the stored job they are encrypted (see <see cref="JobEnvelope"/>).
    /// </summary>
    public sealed class JobTarget
    {
        public JobTarget(string targetId, string name, string address, string profile, string ports, string user, string password, string baselineText)
            : this(targetId, name, address, profile, ports, user, password, baselineText, null)
        {
        }

        /// <param name="settings">Trusted resolver and SNMP credentials; null for none.</param>
        public JobTarget(string targetId, string name, string address, string profile, string ports, string user, string password, string baselineText, ProbeSettings settings)
            : this(targetId, name, address, profile, ports, user, password, baselineText, settings, false)
        {
        }

        /// <param name="factoryCheck">The owner opted this device in to the factory-password check.</param>
        public JobTarget(string targetId, string name, string address, string profile, string ports, string user, string password, string baselineText, ProbeSettings settings, bool factoryCheck)
            : this(targetId, name, address, profile, ports, user, password, baselineText, settings, factoryCheck, JobLimits.DefaultInventoryIntervalSeconds)
        {
        }

        /// <param name="inventoryIntervalSeconds">Seconds between two full TCP inventories (1-65535) of this device; 0 for none.</param>
        public JobTarget(string targetId, string name, string address, string profile, string ports, string user, string password, string baselineText, ProbeSettings settings, bool factoryCheck, int inventoryIntervalSeconds)
        {
            if (!JobLimits.IsValidInventoryInterval(inventoryIntervalSeconds)) throw new ArgumentOutOfRangeException("inventoryIntervalSeconds", "the inventory interval must be 0 (none) or " + JobLimits.MinInventoryIntervalSeconds.ToString() + " to " + JobLimits.MaxInventoryIntervalSeconds.ToString() + " seconds");
            if (targetId == null || targetId.Length == 0) throw new ArgumentException("target id is empty", "targetId");
            if (address == null || address.Length == 0) throw new ArgumentException("target address is empty", "address");
            if (profile == null || profile.Length == 0) throw new ArgumentException("target profile is empty", "profile");
            TargetId = targetId;
            Name = name == null ? "" : name;
            Address = address;
            Profile = profile;
            Ports = ports == null ? "" : ports;
            User = user == null ? "" : user;
            Password = password == null ? "" : password;
            BaselineText = baselineText;
            Settings = settings == null ? new ProbeSettings() : settings;
            FactoryCheck = factoryCheck;
            InventoryIntervalSeconds = inventoryIntervalSeconds;
        }

        /// <summary>
        /// Seconds between two full TCP inventories of this device (every port, 1-65535), on their own schedule beside
        /// the rounds; 0 for none. Rounds in between try the risky ports only.
        /// </summary>
        public int InventoryIntervalSeconds { get; private set; }

        /// <summary>The owner opted this device in to the factory-password check (off unless asked for; never a sweep).</summary>
        public bool FactoryCheck { get; private set; }

        /// <summary>The id reports use for this device (ReportTarget.TargetId).</summary>
        public string TargetId { get; private set; }

        /// <summary>The owner's name for the device, for status output.</summary>
        public string Name { get; private set; }

        /// <summary>A host name, an IP address, or an http(s) URL.</summary>
        public string Address { get; private set; }

        /// <summary>Which probes apply: web, openwrt, routeros, hikvision, onvif, snmp, ...</summary>
        public string Profile { get; private set; }

        /// <summary>Port list in the check command's syntax (e.g. "default,8000-8010"); empty for the profile default.</summary>
        public string Ports { get; private set; }

        /// <summary>Empty when the device is checked without logging in.</summary>
        public string User { get; private set; }

        public string Password { get; private set; }

        /// <summary>Trusted resolver and SNMP credentials (the SNMP ones encrypted on the wire like the password); never null.</summary>
        public ProbeSettings Settings { get; private set; }

        /// <summary>The approved baseline in <see cref="Baselines.BaselineText"/> form, or null before one is approved.</summary>
        public string BaselineText { get; private set; }
    }
}
