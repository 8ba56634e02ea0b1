using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// Checks a report envelope in the order that trusts the least: size and header, then the MAC in
    /// constant time, then counter and clock window, and only then decodes the body.
    /// </summary>
    public static class ReportVerifier
    {
        /// <param name="key">The appliance's key.</param>
        /// <param name="lastAcceptedCounter">The highest counter accepted from this appliance so far (0 for none).</param>
        /// <param name="nowUnixSeconds">The verifier's clock.</param>
        /// <param name="windowSeconds">How far the report's timestamp may be from <paramref name="nowUnixSeconds"/>, either way.</param>
        public static ReportVerification Verify(byte[] envelope, byte[] key, long lastAcceptedCounter, long nowUnixSeconds, long windowSeconds)
        {
            ReportEnvelope.CheckKey(key);
            EnvelopeHeader header;
            try
            {
                header = ReportEnvelope.ReadHeader(envelope);
            }
            catch (FormatException e)
            {
                return new ReportVerification(ReportStatus.Malformed, "not a valid report: " + e.Message, null);
            }

            HmacSha256 mac = new HmacSha256(key);
            int signedLength = envelope.Length - ReportEnvelope.MacBytes;
            mac.Update(envelope, 0, signedLength);
            byte[] expected = mac.Final();
            byte[] actual = new byte[ReportEnvelope.MacBytes];
            Array.Copy(envelope, signedLength, actual, 0, actual.Length);
            if (!ConstantTime.Equals(expected, actual))
            {
                return new ReportVerification(ReportStatus.BadSignature, "the signature does not match: the report was altered or not signed with this appliance's key", null);
            }

            if (header.Counter <= lastAcceptedCounter)
            {
                return new ReportVerification(ReportStatus.Replayed, "counter " + header.Counter.ToString() + " is not above the last accepted counter " + lastAcceptedCounter.ToString() + ": a replayed or out-of-order report", null);
            }
            long skew = header.TimestampUnixSeconds - nowUnixSeconds;
            if (skew > windowSeconds || -skew > windowSeconds)
            {
                return new ReportVerification(ReportStatus.OutsideTimeWindow, "timestamp is " + (skew < 0 ? (-skew).ToString() + " s in the past" : skew.ToString() + " s in the future") + ", outside the " + windowSeconds.ToString() + " s window", null);
            }

            try
            {
                ByteReader body = new ByteReader(envelope, header.BodyOffset, header.BodyLength);
                ReportTarget[] targets = ReportCodec.ReadBody(body);
                Report report = new Report(header.DeviceId, header.Counter, header.TimestampUnixSeconds, targets);
                return new ReportVerification(ReportStatus.Accepted, "accepted", report);
            }
            catch (FormatException e)
            {
                return new ReportVerification(ReportStatus.Malformed, "signed but not decodable: " + e.Message, null);
            }
            catch (ArgumentException e)
            {
                return new ReportVerification(ReportStatus.Malformed, "signed but not decodable: " + e.Message, null);
            }
        }
    }
}
