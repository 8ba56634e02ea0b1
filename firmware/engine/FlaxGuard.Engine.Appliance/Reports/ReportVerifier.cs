using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// Checks a report envelope in the order that trusts the least: size and header, then the MAC in
    /// constant time, then the sealed time, and only then decodes the body.
    ///
    /// Why no counter or past-time check here. A report is unique by (appliance, counter): the host's store holds
    /// every counter it has taken and answers a second copy as a duplicate (same bytes) or a conflict (other bytes),
    /// so a replayed report is never stored twice, whatever its age. Requiring counters to rise, or sealed times to be
    /// recent, protects nothing more (an attacker cannot forge or alter a report without the key; delaying a genuine
    /// one only delays the owner's evidence) but it loses real evidence: reports queued through a host outage are
    /// older than the window, and arrive after a newer report that took another path. So the past is unbounded, and
    /// a report sealed more than the window AHEAD of the host's clock is refused: the appliance's clock is wrong, and
    /// its times would mislead the timeline. The store files a report that is older than the device's latest result
    /// as history (it does not change the device's current state).
    /// </summary>
    public static class ReportVerifier
    {
        /// <param name="key">The appliance's key.</param>
        /// <param name="nowUnixSeconds">The verifier's clock.</param>
        /// <param name="windowSeconds">How far the report's sealed time may be ahead of <paramref name="nowUnixSeconds"/>.</param>
        public static ReportVerification Verify(byte[] envelope, byte[] key, long nowUnixSeconds, long windowSeconds)
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

            long ahead = header.TimestampUnixSeconds - nowUnixSeconds;
            if (ahead > windowSeconds)
            {
                return new ReportVerification(ReportStatus.OutsideTimeWindow, "sealed " + ahead.ToString() + " s in the future, beyond the " + windowSeconds.ToString() + " s the host allows", null);
            }

            try
            {
                ByteReader body = new ByteReader(envelope, header.BodyOffset, header.BodyLength);
                Report report = header.IsInventory
                    ? new Report(header.DeviceId, header.Counter, header.TimestampUnixSeconds, LanInventoryCodec.ReadBody(body))
                    : new Report(header.DeviceId, header.Counter, header.TimestampUnixSeconds, ReportCodec.ReadBody(body));
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
