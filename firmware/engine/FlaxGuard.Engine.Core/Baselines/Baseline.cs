using System;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.Baselines
{
    /// <summary>
    /// The facts the owner approved for one device: what "normal" looks like. Drift is always measured
    /// against this, never against the previous check, so a slow change cannot creep in step by step.
    /// </summary>
    public sealed class Baseline
    {
        private readonly string _deviceId;
        private readonly long _createdUnixSeconds;
        private readonly FactSet _facts;

        public Baseline(string deviceId, long createdUnixSeconds, FactSet facts)
        {
            if (deviceId == null || deviceId.Length == 0) throw new ArgumentException("baseline device id is empty", "deviceId");
            if (facts == null) throw new ArgumentNullException("facts");
            _deviceId = deviceId;
            _createdUnixSeconds = createdUnixSeconds;
            _facts = facts;
        }

        public string DeviceId { get { return _deviceId; } }

        public long CreatedUnixSeconds { get { return _createdUnixSeconds; } }

        public FactSet Facts { get { return _facts; } }

        public string DigestHex()
        {
            return _facts.DigestHex();
        }
    }
}
