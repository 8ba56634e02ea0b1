using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// The signed wire and storage form of a job:
    /// <code>
    /// "FGJ1" | u8 format=5 | string applianceId | i64 version | i64 issuedUnixSeconds | u32 intervalSeconds
    ///        | i64 reportHighWater | string hashDbVersion
    ///        | u32 discoveryIntervalSeconds | 16-byte nonce | u32 bodyLength | body (<see cref="JobCodec"/>)
    ///        | HMAC-SHA256(applianceKey, all before)
    /// </code>
    /// User names and passwords in the body are AES-128-CTR ciphertext under
    /// HMAC-SHA256(applianceKey, "flaxguard job credentials")[0..16] with the nonce as first counter block, so an
    /// appliance can keep the envelope on flash as it came and decrypt credentials only into memory.
    /// The header fields sit in clear so the appliance can check id and version before decrypting anything.
    /// Format 4 (one job-wide u32 inventoryIntervalSeconds after reportHighWater, no interval per target: every target
    /// takes the job-wide one), format 3 (also targets without the factory-check flag: read as off; no discoveryIntervalSeconds: read as 0, no LAN discovery),
    /// format 2 (targets without probe settings, no inventoryIntervalSeconds: read as the daily default) and format 1
    /// (also no reportHighWater, read as 0) are still read.
    /// </summary>
    public static class JobEnvelope
    {
        public const byte Format = 5;
        /// <summary>Format 4: one full-inventory interval for the whole job in the header instead of one per target.</summary>
        public const byte FormatWithJobInventory = 4;
        /// <summary>Format 3: no discovery interval in the header, no factory-check flag per target.</summary>
        public const byte FormatWithoutDiscovery = 3;
        public const byte FormatWithoutSettings = 2;
        public const byte FormatWithoutHighWater = 1;
        public const int MacBytes = 32;
        public static readonly byte[] Magic = new byte[] { (byte)'F', (byte)'G', (byte)'J', (byte)'1' };

        /// <param name="nonce">16 fresh random bytes; never reuse a nonce with the same key.</param>
        public static byte[] Seal(Job job, byte[] applianceKey, byte[] nonce)
        {
            if (job == null) throw new ArgumentNullException("job");
            CheckKey(applianceKey);
            if (nonce == null || nonce.Length != CredentialCipher.NonceBytes) throw new ArgumentException("the nonce must be 16 bytes", "nonce");
            CredentialCipher cipher = CredentialCipher.ForAppliance(applianceKey, nonce);
            ByteWriter body = new ByteWriter(1024);
            try
            {
                JobCodec.WriteBody(body, job.Targets, cipher);
            }
            finally
            {
                cipher.Clear();
            }
            if (Utf8.ByteCount(job.HashDbVersion) > JobLimits.MaxStringBytes) throw new ArgumentException("the hash database version is too long");
            ByteWriter w = new ByteWriter(body.Length + 160);
            w.WriteBytes(Magic, 0, Magic.Length);
            w.WriteByte(Format);
            w.WriteString(job.DeviceId);
            w.WriteInt64(job.Version);
            w.WriteInt64(job.IssuedUnixSeconds);
            w.WriteUInt32((uint)job.IntervalSeconds);
            w.WriteInt64(job.ReportHighWater);
            w.WriteString(job.HashDbVersion);
            w.WriteUInt32((uint)job.DiscoveryIntervalSeconds);
            w.WriteBytes(nonce, 0, nonce.Length);
            w.WriteUInt32((uint)body.Length);
            w.WriteBytes(body.Buffer, 0, body.Length);
            Array.Clear(body.Buffer, 0, body.Length);
            HmacSha256 mac = new HmacSha256(applianceKey);
            mac.Update(w.Buffer, 0, w.Length);
            byte[] tag = mac.Final();
            w.WriteBytes(tag, 0, tag.Length);
            if (w.Length > JobLimits.MaxEnvelopeBytes) throw new InvalidOperationException("job is larger than " + JobLimits.MaxEnvelopeBytes.ToString() + " bytes; give the appliance fewer targets");
            return w.ToArray();
        }

        /// <summary>The appliance id a job claims, or null when the bytes do not even start like a job.</summary>
        public static string PeekDeviceId(byte[] envelope)
        {
            try
            {
                return ReadHeader(envelope).DeviceId;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        internal static JobHeader ReadHeader(byte[] envelope)
        {
            if (envelope == null) throw new FormatException("no data");
            if (envelope.Length > JobLimits.MaxEnvelopeBytes) throw new FormatException("larger than " + JobLimits.MaxEnvelopeBytes.ToString() + " bytes");
            if (envelope.Length < Magic.Length + 1 + 4 + 8 + 8 + 4 + 4 + CredentialCipher.NonceBytes + 4 + MacBytes) throw new FormatException("too short to be a job");
            ByteReader r = new ByteReader(envelope, 0, envelope.Length - MacBytes);
            for (int i = 0; i < Magic.Length; i++)
            {
                if (r.ReadByte() != Magic[i]) throw new FormatException("does not start with FGJ1");
            }
            byte format = r.ReadByte();
            if (format != Format && format != FormatWithJobInventory && format != FormatWithoutDiscovery && format != FormatWithoutSettings && format != FormatWithoutHighWater) throw new FormatException("job format version " + format.ToString() + " is not supported");
            JobHeader h = new JobHeader();
            h.DeviceId = r.ReadString(Report.MaxDeviceIdLength, "appliance id");
            if (!Report.IsValidDeviceId(h.DeviceId)) throw new FormatException("appliance id is not valid");
            h.Version = r.ReadInt64();
            if (h.Version < 1) throw new FormatException("job version is below 1");
            h.IssuedUnixSeconds = r.ReadInt64();
            uint interval = r.ReadUInt32();
            if (interval < JobLimits.MinIntervalSeconds || interval > JobLimits.MaxIntervalSeconds) throw new FormatException("interval of " + interval.ToString() + " s is out of range");
            h.IntervalSeconds = (int)interval;
            h.HasSettings = format >= FormatWithoutDiscovery;
            h.HasFactoryCheck = format >= FormatWithJobInventory;
            h.HasTargetInventory = format >= Format;
            if (format != FormatWithoutHighWater)
            {
                h.ReportHighWater = r.ReadInt64();
                if (h.ReportHighWater < 0) throw new FormatException("report high-water mark is negative");
            }
            h.InventoryIntervalSeconds = JobLimits.DefaultInventoryIntervalSeconds;
            if (format == FormatWithoutDiscovery || format == FormatWithJobInventory)
            {
                uint inventory = r.ReadUInt32();
                if (!JobLimits.IsValidInventoryInterval(inventory)) throw new FormatException("inventory interval of " + inventory.ToString() + " s is out of range");
                h.InventoryIntervalSeconds = (int)inventory;
            }
            h.HashDbVersion = r.ReadString(JobLimits.MaxStringBytes, "hash database version");
            if (format >= FormatWithJobInventory)
            {
                uint discovery = r.ReadUInt32();
                if (discovery != 0 && (discovery < JobLimits.MinDiscoveryIntervalSeconds || discovery > JobLimits.MaxDiscoveryIntervalSeconds)) throw new FormatException("discovery interval of " + discovery.ToString() + " s is out of range");
                h.DiscoveryIntervalSeconds = (int)discovery;
            }
            h.Nonce = new byte[CredentialCipher.NonceBytes];
            r.ReadBytes(h.Nonce, 0, h.Nonce.Length);
            uint bodyLength = r.ReadUInt32();
            if (bodyLength != (uint)r.Remaining) throw new FormatException("body length field does not match the data");
            h.BodyOffset = r.Position;
            h.BodyLength = (int)bodyLength;
            return h;
        }

        internal static void CheckKey(byte[] key)
        {
            if (key == null || key.Length < 16) throw new ArgumentException("the appliance key must be at least 16 bytes", "key");
        }
    }

    internal sealed class JobHeader
    {
        public string DeviceId;
        public long Version;
        public long IssuedUnixSeconds;
        public int IntervalSeconds;
        public long ReportHighWater;
        public bool HasSettings;
        public bool HasFactoryCheck;
        /// <summary>Format 5 on: each target carries its own inventory interval; before, all take <see cref="InventoryIntervalSeconds"/>.</summary>
        public bool HasTargetInventory;
        public int InventoryIntervalSeconds;
        public string HashDbVersion;
        public int DiscoveryIntervalSeconds;
        public byte[] Nonce;
        public int BodyOffset;
        public int BodyLength;
    }
}
