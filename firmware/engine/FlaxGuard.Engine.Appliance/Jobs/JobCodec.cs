using System;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// Canonical body of a job, length-prefixed big-endian like the report body. Credentials are written only
    /// as ciphertext: the codec runs each user name, password and SNMP credential through the job's
    /// <see cref="CredentialCipher"/> in target order, so one keystream covers them all.
    /// <code>
    /// u32 targetCount
    /// per target: string targetId, string name, string address, string profile, string ports,
    ///             u32 n + n bytes encrypted user, u32 n + n bytes encrypted password,
    ///             [format 3: string trustedResolver, encrypted snmpCommunity, encrypted snmpUser,
    ///              encrypted snmpAuthPassword, encrypted snmpPrivPassword (each u32 n + n bytes)]
    ///             u8 hasBaseline (0 or 1), [string baselineText],
    ///             [format 4: u8 factoryCheck (0 or 1)]
    ///             [format 5: u32 inventoryIntervalSeconds (0: no full TCP inventory)]
    /// </code>
    /// </summary>
    public static class JobCodec
    {
        public static void WriteBody(ByteWriter writer, JobTarget[] targets, CredentialCipher cipher)
        {
            if (writer == null) throw new ArgumentNullException("writer");
            if (targets == null) throw new ArgumentNullException("targets");
            if (cipher == null) throw new ArgumentNullException("cipher");
            writer.WriteUInt32((uint)targets.Length);
            for (int t = 0; t < targets.Length; t++)
            {
                JobTarget target = targets[t];
                writer.WriteString(target.TargetId);
                writer.WriteString(target.Name);
                writer.WriteString(target.Address);
                writer.WriteString(target.Profile);
                writer.WriteString(target.Ports);
                WriteSecret(writer, target.User, cipher, "user name");
                WriteSecret(writer, target.Password, cipher, "password");
                ProbeSettings settings = target.Settings;
                writer.WriteString(settings.TrustedResolver);
                WriteSecret(writer, settings.SnmpCommunity, cipher, "SNMP community");
                WriteSecret(writer, settings.SnmpUser, cipher, "SNMP user");
                WriteSecret(writer, settings.SnmpAuthPassword, cipher, "SNMP authentication password");
                WriteSecret(writer, settings.SnmpPrivPassword, cipher, "SNMP privacy password");
                if (target.BaselineText == null)
                {
                    writer.WriteByte(0);
                }
                else
                {
                    if (Utf8.ByteCount(target.BaselineText) > JobLimits.MaxBaselineTextBytes) throw new ArgumentException("the baseline of target " + FactText.Clean(target.TargetId, 64) + " is larger than " + JobLimits.MaxBaselineTextBytes.ToString() + " bytes");
                    writer.WriteByte(1);
                    writer.WriteString(target.BaselineText);
                }
                writer.WriteByte(target.FactoryCheck ? (byte)1 : (byte)0);
                writer.WriteUInt32((uint)target.InventoryIntervalSeconds);
            }
        }

        public static JobTarget[] ReadBody(ByteReader reader, CredentialCipher cipher)
        {
            return ReadBody(reader, cipher, true, true, true, JobLimits.DefaultInventoryIntervalSeconds);
        }

        public static JobTarget[] ReadBody(ByteReader reader, CredentialCipher cipher, bool withSettings, bool withFactoryCheck)
        {
            return ReadBody(reader, cipher, withSettings, withFactoryCheck, false, JobLimits.DefaultInventoryIntervalSeconds);
        }

        /// <param name="withSettings">False for format 1 and 2 jobs, whose targets carry no probe settings.</param>
        /// <param name="withFactoryCheck">False before format 4, whose targets carry no factory-check flag (read as off).</param>
        /// <param name="withInventory">False before format 5, whose targets carry no inventory interval: each takes <paramref name="jobInventorySeconds"/>.</param>
        /// <param name="jobInventorySeconds">The job-wide interval of a format 3 or 4 header (the daily default for older ones).</param>
        public static JobTarget[] ReadBody(ByteReader reader, CredentialCipher cipher, bool withSettings, bool withFactoryCheck, bool withInventory, int jobInventorySeconds)
        {
            if (reader == null) throw new ArgumentNullException("reader");
            if (cipher == null) throw new ArgumentNullException("cipher");
            uint count = reader.ReadUInt32();
            if (count > JobLimits.MaxTargets) throw new FormatException("job names " + count.ToString() + " targets, more than the limit of " + JobLimits.MaxTargets.ToString());
            // Each target needs at least 5 strings, 2 secrets and a flag: 29 bytes.
            if (count * 29 > (uint)reader.Remaining) throw new FormatException("target count is larger than the data");
            JobTarget[] targets = new JobTarget[count];
            for (int t = 0; t < targets.Length; t++)
            {
                string id = reader.ReadString(JobLimits.MaxStringBytes, "target id");
                string name = reader.ReadString(JobLimits.MaxStringBytes, "target name");
                string address = reader.ReadString(JobLimits.MaxStringBytes, "target address");
                string profile = reader.ReadString(JobLimits.MaxStringBytes, "target profile");
                string ports = reader.ReadString(JobLimits.MaxStringBytes, "target ports");
                if (id.Length == 0) throw new FormatException("target id is empty");
                if (address.Length == 0) throw new FormatException("target address is empty");
                if (profile.Length == 0) throw new FormatException("target profile is empty");
                string user = ReadSecret(reader, cipher, "user name");
                string password = ReadSecret(reader, cipher, "password");
                ProbeSettings settings = new ProbeSettings();
                if (withSettings)
                {
                    settings.TrustedResolver = reader.ReadString(JobLimits.MaxStringBytes, "trusted resolver");
                    settings.SnmpCommunity = ReadSecret(reader, cipher, "SNMP community");
                    settings.SnmpUser = ReadSecret(reader, cipher, "SNMP user");
                    settings.SnmpAuthPassword = ReadSecret(reader, cipher, "SNMP authentication password");
                    settings.SnmpPrivPassword = ReadSecret(reader, cipher, "SNMP privacy password");
                }
                byte hasBaseline = reader.ReadByte();
                string baseline = null;
                if (hasBaseline == 1) baseline = reader.ReadString(JobLimits.MaxBaselineTextBytes, "baseline");
                else if (hasBaseline != 0) throw new FormatException("baseline flag " + hasBaseline.ToString() + " is neither 0 nor 1");
                bool factoryCheck = false;
                if (withFactoryCheck)
                {
                    byte flag = reader.ReadByte();
                    if (flag > 1) throw new FormatException("factory-check flag " + flag.ToString() + " is neither 0 nor 1");
                    factoryCheck = flag == 1;
                }
                int inventory = jobInventorySeconds;
                if (withInventory)
                {
                    uint seconds = reader.ReadUInt32();
                    if (!JobLimits.IsValidInventoryInterval(seconds)) throw new FormatException("inventory interval of " + seconds.ToString() + " s is out of range");
                    inventory = (int)seconds;
                }
                targets[t] = new JobTarget(id, name, address, profile, ports, user, password, baseline, settings, factoryCheck, inventory);
            }
            if (reader.Remaining != 0) throw new FormatException("job body has " + reader.Remaining.ToString() + " bytes after its end");
            return targets;
        }

        private static void WriteSecret(ByteWriter writer, string secret, CredentialCipher cipher, string what)
        {
            byte[] clear = Utf8.GetBytes(secret);
            if (clear.Length > JobLimits.MaxCredentialBytes) throw new ArgumentException("the " + what + " is longer than " + JobLimits.MaxCredentialBytes.ToString() + " bytes");
            cipher.Transform(clear, 0, clear.Length);
            writer.WriteUInt32((uint)clear.Length);
            writer.WriteBytes(clear, 0, clear.Length);
            Array.Clear(clear, 0, clear.Length);
        }

        private static string ReadSecret(ByteReader reader, CredentialCipher cipher, string what)
        {
            uint length = reader.ReadUInt32();
            if (length > JobLimits.MaxCredentialBytes) throw new FormatException("the encrypted " + what + " is longer than " + JobLimits.MaxCredentialBytes.ToString() + " bytes");
            byte[] data = new byte[length];
            reader.ReadBytes(data, 0, data.Length);
            cipher.Transform(data, 0, data.Length);
            string text = Utf8.TryDecode(data, 0, data.Length);
            Array.Clear(data, 0, data.Length);
            if (text == null) throw new FormatException("the " + what + " does not decrypt to valid UTF-8");
            return text;
        }
    }
}
