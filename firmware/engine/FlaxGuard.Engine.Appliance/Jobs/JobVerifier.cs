using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// Checks a job envelope in the order that trusts the least: size and header, then the MAC in constant
    /// time, then the appliance id and version, and only then decrypts and decodes the body.
    /// </summary>
    public static class JobVerifier
    {
        /// <param name="applianceKey">This appliance's key.</param>
        /// <param name="expectedDeviceId">This appliance's id.</param>
        /// <param name="lastAcceptedVersion">The highest job version accepted so far (0 for none); the same version again is accepted.</param>
        public static JobVerification Verify(byte[] envelope, byte[] applianceKey, string expectedDeviceId, long lastAcceptedVersion)
        {
            JobEnvelope.CheckKey(applianceKey);
            JobHeader header;
            try
            {
                header = JobEnvelope.ReadHeader(envelope);
            }
            catch (FormatException e)
            {
                return new JobVerification(JobStatus.Malformed, "not a valid job: " + e.Message, null);
            }

            HmacSha256 mac = new HmacSha256(applianceKey);
            int signedLength = envelope.Length - JobEnvelope.MacBytes;
            mac.Update(envelope, 0, signedLength);
            byte[] expected = mac.Final();
            byte[] actual = new byte[JobEnvelope.MacBytes];
            Array.Copy(envelope, signedLength, actual, 0, actual.Length);
            if (!ConstantTime.Equals(expected, actual))
            {
                return new JobVerification(JobStatus.BadSignature, "the signature does not match: the job was altered or not sealed with this appliance's key", null);
            }

            if (header.DeviceId != expectedDeviceId)
            {
                return new JobVerification(JobStatus.WrongDevice, "the job is for appliance " + header.DeviceId + ", not " + FactText.Clean(expectedDeviceId == null ? "" : expectedDeviceId, 64), null);
            }
            if (header.Version < lastAcceptedVersion)
            {
                return new JobVerification(JobStatus.OlderVersion, "job version " + header.Version.ToString() + " is older than the accepted version " + lastAcceptedVersion.ToString() + ": an old job replayed", null);
            }

            CredentialCipher cipher = CredentialCipher.ForAppliance(applianceKey, header.Nonce);
            try
            {
                ByteReader body = new ByteReader(envelope, header.BodyOffset, header.BodyLength);
                JobTarget[] targets = JobCodec.ReadBody(body, cipher, header.HasSettings, header.HasFactoryCheck, header.HasTargetInventory, header.InventoryIntervalSeconds);
                Job job = new Job(header.DeviceId, header.Version, header.IssuedUnixSeconds, header.IntervalSeconds, header.HashDbVersion, targets, header.ReportHighWater, header.DiscoveryIntervalSeconds);
                return new JobVerification(JobStatus.Accepted, "accepted", job);
            }
            catch (FormatException e)
            {
                return new JobVerification(JobStatus.Malformed, "signed but not decodable: " + e.Message, null);
            }
            catch (ArgumentException e)
            {
                return new JobVerification(JobStatus.Malformed, "signed but not decodable: " + e.Message, null);
            }
            finally
            {
                cipher.Clear();
            }
        }
    }
}
