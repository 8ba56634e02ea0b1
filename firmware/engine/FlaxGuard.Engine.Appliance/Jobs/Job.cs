using System;
using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// What the host tells one appliance to check: its targets (with credentials and approved baselines),
    /// how often, and which hash database to use. The version rises with every change the host makes, so an
    /// appliance can refuse an older job that an attacker replays to it.
    /// </summary>
    public sealed class Job
    {
        public Job(string deviceId, long version, long issuedUnixSeconds, int intervalSeconds, string hashDbVersion, JobTarget[] targets)
            : this(deviceId, version, issuedUnixSeconds, intervalSeconds, hashDbVersion, targets, 0)
        {
        }

        /// <param name="reportHighWater">The highest report counter the host has stored from this appliance.</param>
        public Job(string deviceId, long version, long issuedUnixSeconds, int intervalSeconds, string hashDbVersion, JobTarget[] targets, long reportHighWater)
            : this(deviceId, version, issuedUnixSeconds, intervalSeconds, hashDbVersion, targets, reportHighWater, 0)
        {
        }

        /// <param name="discoveryIntervalSeconds">Seconds between two LAN discovery rounds (inventory reports); 0 for none.</param>
        /// <remarks>Each target carries its own full-inventory interval (<see cref="JobTarget.InventoryIntervalSeconds"/>).</remarks>
        public Job(string deviceId, long version, long issuedUnixSeconds, int intervalSeconds, string hashDbVersion, JobTarget[] targets, long reportHighWater, int discoveryIntervalSeconds)
        {
            if (discoveryIntervalSeconds != 0 && (discoveryIntervalSeconds < JobLimits.MinDiscoveryIntervalSeconds || discoveryIntervalSeconds > JobLimits.MaxDiscoveryIntervalSeconds)) throw new ArgumentOutOfRangeException("discoveryIntervalSeconds", "the discovery interval must be 0 (none) or " + JobLimits.MinDiscoveryIntervalSeconds.ToString() + " to " + JobLimits.MaxDiscoveryIntervalSeconds.ToString() + " seconds");
            if (reportHighWater < 0) throw new ArgumentOutOfRangeException("reportHighWater");
            if (!Report.IsValidDeviceId(deviceId)) throw new ArgumentException("appliance id must be 1 to 64 characters of letters, digits, '-', '_' or '.'", "deviceId");
            if (version < 1) throw new ArgumentOutOfRangeException("version", "the job version starts at 1");
            if (intervalSeconds < JobLimits.MinIntervalSeconds || intervalSeconds > JobLimits.MaxIntervalSeconds) throw new ArgumentOutOfRangeException("intervalSeconds", "the interval must be " + JobLimits.MinIntervalSeconds.ToString() + " to " + JobLimits.MaxIntervalSeconds.ToString() + " seconds");
            if (targets == null) throw new ArgumentNullException("targets");
            if (targets.Length > JobLimits.MaxTargets) throw new ArgumentException("a job holds at most " + JobLimits.MaxTargets.ToString() + " targets", "targets");
            for (int i = 0; i < targets.Length; i++)
            {
                if (targets[i] == null) throw new ArgumentNullException("targets");
            }
            DeviceId = deviceId;
            Version = version;
            IssuedUnixSeconds = issuedUnixSeconds;
            IntervalSeconds = intervalSeconds;
            HashDbVersion = hashDbVersion == null ? "" : hashDbVersion;
            Targets = targets;
            ReportHighWater = reportHighWater;
            DiscoveryIntervalSeconds = discoveryIntervalSeconds;
        }

        /// <summary>
        /// Seconds between two LAN discovery rounds, each sealed into a LAN inventory report after the round of checks
        /// it falls in; 0 for none (also what a format 3 job means: its host keeps no inventory).
        /// </summary>
        public int DiscoveryIntervalSeconds { get; private set; }

        /// <summary>
        /// The highest report counter the host has stored from this appliance when it issued the job (0: none). An
        /// appliance that lost or restored its state raises its counter to it before sealing, so it never reuses one.
        /// </summary>
        public long ReportHighWater { get; private set; }

        /// <summary>The appliance this job is for (the same id it signs reports with).</summary>
        public string DeviceId { get; private set; }

        /// <summary>Strictly increasing per appliance; the appliance keeps the highest it accepted.</summary>
        public long Version { get; private set; }

        public long IssuedUnixSeconds { get; private set; }

        /// <summary>Seconds between two rounds of checks.</summary>
        public int IntervalSeconds { get; private set; }

        /// <summary>The hash database the host expects the appliance to use; empty when none.</summary>
        public string HashDbVersion { get; private set; }

        public JobTarget[] Targets { get; private set; }
    }
}
