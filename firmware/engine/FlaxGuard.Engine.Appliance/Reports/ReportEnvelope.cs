using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// The signed wire form of a report:
    /// <code>
    /// "FGR1" | u8 version | string deviceId | i64 counter | i64 unixSeconds | u32 bodyLength | body | HMAC-SHA256(key, all before)
    /// </code>
    /// Version 1 is a check report (body: <see cref="ReportCodec"/>), version 2 a LAN inventory report (body:
    /// <see cref="LanInventoryCodec"/>); both share header, counter sequence and MAC, so queue, upload and replay
    /// defence treat them alike.
    /// The device id sits in clear before the body so the host can pick the key without parsing anything
    /// the MAC has not yet vouched for.
    /// </summary>
    public static class ReportEnvelope
    {
        public const byte Version = 1;
        public const byte InventoryVersion = 2;
        public const int MacBytes = 32;
        public static readonly byte[] Magic = new byte[] { (byte)'F', (byte)'G', (byte)'R', (byte)'1' };

        public static byte[] Seal(Report report, byte[] key)
        {
            if (report == null) throw new ArgumentNullException("report");
            CheckKey(key);
            // One buffer for header, body and tag: the body's length is patched in once it is known.
            ByteWriter w = new ByteWriter(2048);
            w.WriteBytes(Magic, 0, Magic.Length);
            w.WriteByte(report.Inventory == null ? Version : InventoryVersion);
            w.WriteString(report.DeviceId);
            w.WriteInt64(report.Counter);
            w.WriteInt64(report.TimestampUnixSeconds);
            int lengthAt = w.Length;
            w.WriteUInt32(0);
            if (report.Inventory == null) ReportCodec.WriteBody(w, report.Targets);
            else LanInventoryCodec.WriteBody(w, report.Inventory);
            uint bodyLength = (uint)(w.Length - lengthAt - 4);
            byte[] buffer = w.Buffer;
            buffer[lengthAt] = (byte)(bodyLength >> 24);
            buffer[lengthAt + 1] = (byte)(bodyLength >> 16);
            buffer[lengthAt + 2] = (byte)(bodyLength >> 8);
            buffer[lengthAt + 3] = (byte)bodyLength;
            HmacSha256 mac = new HmacSha256(key);
            mac.Update(buffer, 0, w.Length);
            byte[] tag = mac.Final();
            w.WriteBytes(tag, 0, tag.Length);
            if (w.Length > ReportLimits.MaxEnvelopeBytes) throw new InvalidOperationException("report is larger than " + ReportLimits.MaxEnvelopeBytes.ToString() + " bytes; split it over several reports");
            return w.ToArray();
        }

        /// <summary>
        /// The same report under a new counter, signed again: for a report the host refused because another report
        /// already holds its counter (the appliance lost or restored its state). Body and sealed time stay as they were.
        /// Throws <see cref="FormatException"/> when the bytes are not a report signed with <paramref name="key"/>.
        /// </summary>
        public static byte[] Reseal(byte[] envelope, byte[] key, long counter)
        {
            CheckKey(key);
            if (counter < 1) throw new ArgumentOutOfRangeException("counter");
            EnvelopeHeader header = ReadHeader(envelope);
            int signedLength = envelope.Length - MacBytes;
            if (!MacMatches(envelope, signedLength, key)) throw new FormatException("the queued report is not signed with this appliance's key");
            byte[] copy = new byte[envelope.Length];
            Array.Copy(envelope, copy, envelope.Length);
            // Counter, then sealed time, then body length precede the body.
            int at = header.BodyOffset - 4 - 8 - 8;
            for (int i = 0; i < 8; i++) copy[at + i] = (byte)(counter >> ((7 - i) * 8));
            HmacSha256 mac = new HmacSha256(key);
            mac.Update(copy, 0, signedLength);
            byte[] tag = mac.Final();
            Array.Copy(tag, 0, copy, signedLength, MacBytes);
            return copy;
        }

        /// <summary>The counter a report was sealed with, or -1 when the bytes are not a report.</summary>
        public static long PeekCounter(byte[] envelope)
        {
            try
            {
                return ReadHeader(envelope).Counter;
            }
            catch (FormatException)
            {
                return -1;
            }
        }

        private static bool MacMatches(byte[] envelope, int signedLength, byte[] key)
        {
            HmacSha256 mac = new HmacSha256(key);
            mac.Update(envelope, 0, signedLength);
            byte[] expected = mac.Final();
            byte[] actual = new byte[MacBytes];
            Array.Copy(envelope, signedLength, actual, 0, MacBytes);
            return ConstantTime.Equals(expected, actual);
        }

        /// <summary>The device id a report claims, or null when the bytes do not even start like a report.</summary>
        public static string PeekDeviceId(byte[] envelope)
        {
            try
            {
                EnvelopeHeader header = ReadHeader(envelope);
                return header.DeviceId;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        internal static EnvelopeHeader ReadHeader(byte[] envelope)
        {
            if (envelope == null) throw new FormatException("no data");
            if (envelope.Length > ReportLimits.MaxEnvelopeBytes) throw new FormatException("larger than " + ReportLimits.MaxEnvelopeBytes.ToString() + " bytes");
            if (envelope.Length < Magic.Length + 1 + 4 + 8 + 8 + 4 + MacBytes) throw new FormatException("too short to be a report");
            ByteReader r = new ByteReader(envelope, 0, envelope.Length - MacBytes);
            for (int i = 0; i < Magic.Length; i++)
            {
                if (r.ReadByte() != Magic[i]) throw new FormatException("does not start with FGR1");
            }
            byte version = r.ReadByte();
            if (version != Version && version != InventoryVersion) throw new FormatException("report format version " + version.ToString() + " is not supported");
            EnvelopeHeader h = new EnvelopeHeader();
            h.IsInventory = version == InventoryVersion;
            h.DeviceId = r.ReadString(Report.MaxDeviceIdLength, "device id");
            if (!Report.IsValidDeviceId(h.DeviceId)) throw new FormatException("device id is not valid");
            h.Counter = r.ReadInt64();
            h.TimestampUnixSeconds = r.ReadInt64();
            uint bodyLength = r.ReadUInt32();
            if (bodyLength != (uint)r.Remaining) throw new FormatException("body length field does not match the data");
            h.BodyOffset = r.Position;
            h.BodyLength = (int)bodyLength;
            return h;
        }

        internal static void CheckKey(byte[] key)
        {
            if (key == null || key.Length < 16) throw new ArgumentException("the report key must be at least 16 bytes", "key");
        }
    }

    internal sealed class EnvelopeHeader
    {
        public string DeviceId;
        public long Counter;
        public long TimestampUnixSeconds;
        public int BodyOffset;
        public int BodyLength;
        public bool IsInventory;
    }
}
