using System;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Keeps the last good job so checks go on while the host is away. What is stored is the JobEnvelope exactly
    /// as the host sent it: credentials stay AES-CTR ciphertext on flash and are decrypted only into memory by
    /// <see cref="JobVerifier"/>. A job is stored only after it verified (MAC, appliance id, version), and the
    /// highest accepted version is stored too, so an old job replayed later is refused even after a reboot.
    /// </summary>
    public sealed class JobStore
    {
        public const string JobKey = "job";
        public const string VersionKey = "job-version";

        private readonly IKeyValueStore _store;
        private readonly byte[] _applianceKey;
        private readonly string _applianceId;
        private readonly int _maxJobBytes;

        public JobStore(IKeyValueStore store, byte[] applianceKey, string applianceId, int maxJobBytes)
        {
            if (store == null) throw new ArgumentNullException("store");
            if (applianceKey == null || applianceKey.Length < 16) throw new ArgumentException("the appliance key must be at least 16 bytes", "applianceKey");
            if (maxJobBytes < 64) throw new ArgumentOutOfRangeException("maxJobBytes");
            _store = store;
            _applianceKey = applianceKey;
            _applianceId = applianceId;
            _maxJobBytes = maxJobBytes;
        }

        /// <summary>The highest job version accepted so far (0 for none).</summary>
        public long AcceptedVersion
        {
            get
            {
                byte[] raw = _store.Get(VersionKey);
                if (raw == null || raw.Length != 8) return 0;
                long value = 0;
                for (int i = 0; i < 8; i++) value = (value << 8) | raw[i];
                return value;
            }
        }

        /// <summary>Why the last offered job was not kept on storage (too large), or null.</summary>
        public string LastStoreProblem { get; private set; }

        /// <summary>The stored job, verified again (the flash may have been altered); null status Malformed when none is stored.</summary>
        public JobVerification LoadStored()
        {
            byte[] envelope = _store.Get(JobKey);
            if (envelope == null) return new JobVerification(JobStatus.Malformed, "no job is stored yet", null);
            return JobVerifier.Verify(envelope, _applianceKey, _applianceId, AcceptedVersion);
        }

        /// <summary>
        /// Verifies a job fetched from the host; when accepted it replaces the stored one (if it fits the
        /// storage budget) and its version becomes the accepted version. A refused job changes nothing.
        /// </summary>
        public JobVerification Offer(byte[] envelope)
        {
            LastStoreProblem = null;
            JobVerification verification = JobVerifier.Verify(envelope, _applianceKey, _applianceId, AcceptedVersion);
            if (!verification.Accepted) return verification;
            if (envelope.Length > _maxJobBytes)
            {
                LastStoreProblem = "the job (" + envelope.Length.ToString() + " bytes) is larger than the " + _maxJobBytes.ToString() + " bytes kept on storage; it runs from memory until the next reboot";
            }
            else
            {
                _store.Put(JobKey, envelope);
            }
            StoreVersion(verification.Job.Version);
            return verification;
        }

        private void StoreVersion(long version)
        {
            if (version <= AcceptedVersion) return;
            byte[] raw = new byte[8];
            for (int i = 7; i >= 0; i--) raw[i] = (byte)(version >> ((7 - i) * 8));
            _store.Put(VersionKey, raw);
        }
    }
}
