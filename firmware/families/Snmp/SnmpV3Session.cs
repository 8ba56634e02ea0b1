using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// SNMPv3 with the User-based Security Model at authPriv: HMAC-SHA-96 (RFC 3414 section 7) and AES-128-CFB
    /// (RFC 3826). Discovers the agent's engine id, boots and time with an empty-user request (RFC 3414 section 4),
    /// localizes both keys for that engine, and resynchronises once when the agent reports notInTimeWindow.
    /// Reports for unknown users, wrong digests and decryption errors end the request with a clear failure.
    /// </summary>
    public sealed class SnmpV3Session : SnmpSession
    {
        private const int Version3 = 3;
        private const int SecurityModelUsm = 3;
        private const byte FlagAuth = 0x01;
        private const byte FlagPriv = 0x02;
        private const byte FlagReportable = 0x04;
        private const int MacBytes = 12;
        private const int MaxEngineIdBytes = 32;
        private const int MaxUserBytes = 32;

        // RFC 3414 section 2.3 / 3.2 step 7: messages more than 150 s off the engine's clock are refused.
        private const int TimeWindowSeconds = 150;

        // usmStats counters (RFC 3414 section 5, SNMP-USER-BASED-SM-MIB), sent as the varbind of a Report PDU.
        private static readonly uint[] UsmStats = new uint[] { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
        private const uint StatUnsupportedSecLevels = 1;
        private const uint StatNotInTimeWindows = 2;
        private const uint StatUnknownUserNames = 3;
        private const uint StatUnknownEngineIds = 4;
        private const uint StatWrongDigests = 5;
        private const uint StatDecryptionErrors = 6;

        private readonly byte[] _user;
        private readonly byte[] _authPassword;
        private readonly byte[] _privPassword;
        private readonly byte[] _scopedBuffer;
        private readonly BerWriter _scopedWriter;
        private readonly BerReader _plainReader = new BerReader();
        private readonly byte[] _salt = new byte[UsmAesCfb.SaltBytes];
        private readonly byte[] _mac = new byte[HmacSha1.HashBytes];
        private readonly byte[] _receivedMac = new byte[MacBytes];
        private readonly byte[] _flags = new byte[1];
        private ulong _saltCounter;

        private byte[] _engineId;
        private int _boots;
        private int _time;
        private long _syncedAtMs;
        private int _latestReceivedTime;
        private HmacSha1 _hmac;
        private UsmAesCfb _cipher;
        private bool _discovering;
        private bool _lastAnswerAuthenticated;

        public SnmpV3Session(IUdpExchange udp, IClock clock, string host, int port, byte[] user, byte[] authPassword, byte[] privPassword,
            int timeoutMs, int retries, long deadline, int bufferBytes, int firstRequestId, ulong firstSalt)
            : base(udp, clock, host, port, timeoutMs, retries, deadline, bufferBytes, firstRequestId)
        {
            if (user == null || user.Length == 0 || user.Length > MaxUserBytes) throw new ArgumentException("the SNMPv3 user name must be 1 to 32 bytes", "user");
            if (authPassword == null || authPassword.Length == 0) throw new ArgumentException("the SNMPv3 authentication password is empty", "authPassword");
            if (privPassword == null || privPassword.Length == 0) throw new ArgumentException("the SNMPv3 privacy password is empty", "privPassword");
            _user = user;
            _authPassword = authPassword;
            _privPassword = privPassword;
            _saltCounter = firstSalt;
            _scopedBuffer = new byte[bufferBytes];
            _scopedWriter = new BerWriter(_scopedBuffer);
        }

        /// <summary>The agent's snmpEngineID once discovered, else null.</summary>
        public byte[] EngineId { get { return _engineId; } }

        public int EngineBoots { get { return _boots; } }

        /// <summary>The agent's snmpEngineTime as estimated now.</summary>
        public int EngineTime { get { return EstimatedTime(); } }

        /// <summary>
        /// Uses an engine id, boots and time known from an earlier run instead of discovering them (saves a round
        /// trip; a stale time is fixed by the notInTimeWindow resynchronisation).
        /// </summary>
        public void UseKnownEngine(byte[] engineId, int boots, int time)
        {
            if (engineId == null || engineId.Length == 0 || engineId.Length > MaxEngineIdBytes) throw new ArgumentException("engine id must be 1 to 32 bytes", "engineId");
            SetEngine(engineId, 0, engineId.Length, boots, time);
        }

        /// <summary>Asks the agent for its engine id, boots and time (RFC 3414 section 4). False with <see cref="SnmpSession.Failure"/> set when it would not say.</summary>
        public bool Discover()
        {
            _discovering = true;
            try
            {
                SnmpPdu pdu = Exchange(BerTag.GetRequest, new uint[0][], 0, 0, 0);
                if (pdu == null) return false;
                if (_engineId == null)
                {
                    Fail(SnmpFailure.DiscoveryFailed, "the agent's answer carried no engine id");
                    return false;
                }
                return true;
            }
            finally
            {
                _discovering = false;
            }
        }

        public override SnmpPdu Request(byte pduType, uint[][] oids, int count, int nonRepeaters, int maxRepetitions)
        {
            if (_engineId == null && !Discover()) return null;
            for (int resync = 0; resync < 2; resync++)
            {
                SnmpPdu pdu = Exchange(pduType, oids, count, nonRepeaters, maxRepetitions);
                if (pdu == null) return null;
                if (pdu.Type != BerTag.Report) return pdu;
                SnmpFailure reported = ClassifyReport(pdu);
                // A notInTimeWindow report that passed authentication has already moved our clock estimate; try once more.
                if (reported == SnmpFailure.NotInTimeWindow && _lastAnswerAuthenticated && resync == 0) continue;
                return Fail(reported, null);
            }
            return Fail(SnmpFailure.NotInTimeWindow, null);
        }

        private static SnmpFailure ClassifyReport(SnmpPdu report)
        {
            if (report.VarBinds.Length == 0) return SnmpFailure.OtherReport;
            uint[] oid = report.VarBinds[0].Oid;
            if (oid.Length != UsmStats.Length + 2 || !SnmpOid.IsUnder(oid, UsmStats) || oid[oid.Length - 1] != 0) return SnmpFailure.OtherReport;
            switch (oid[UsmStats.Length])
            {
                case StatUnsupportedSecLevels: return SnmpFailure.UnsupportedSecurityLevel;
                case StatNotInTimeWindows: return SnmpFailure.NotInTimeWindow;
                case StatUnknownUserNames: return SnmpFailure.UnknownUser;
                case StatUnknownEngineIds: return SnmpFailure.UnknownEngine;
                case StatWrongDigests: return SnmpFailure.WrongDigest;
                case StatDecryptionErrors: return SnmpFailure.DecryptionError;
                default: return SnmpFailure.OtherReport;
            }
        }

        protected override int Encode(byte pduType, int requestId, int nonRepeaters, int maxRepetitions, uint[][] oids, int count)
        {
            BerWriter w = Writer;
            bool secure = !_discovering;
            int boots = secure ? _boots : 0;
            int time = secure ? EstimatedTime() : 0;

            int message = w.Begin(BerTag.Sequence);
            w.WriteInteger(Version3);
            int header = w.Begin(BerTag.Sequence);
            w.WriteInteger(requestId); // msgID: the same number as the PDU's request-id
            w.WriteInteger(ResponseBuffer.Length); // msgMaxSize: what we can receive
            _flags[0] = (byte)(FlagReportable | (secure ? FlagAuth | FlagPriv : 0));
            w.WriteOctets(BerTag.OctetString, _flags, 0, 1);
            w.WriteInteger(SecurityModelUsm);
            w.End(header);

            // msgSecurityParameters: an OCTET STRING that holds the BER of UsmSecurityParameters (RFC 3414 section 2.4).
            int parameters = w.Begin(BerTag.OctetString);
            int usm = w.Begin(BerTag.Sequence);
            w.WriteOctetString(secure ? _engineId : null);
            w.WriteInteger(boots);
            w.WriteInteger(time);
            w.WriteOctetString(secure ? _user : null);
            int macAt = w.ReserveOctetString(secure ? MacBytes : 0);
            if (secure)
            {
                NextSalt();
                w.WriteOctets(BerTag.OctetString, _salt, 0, UsmAesCfb.SaltBytes);
            }
            else
            {
                w.WriteOctetString(null);
            }
            w.End(usm);
            w.End(parameters);

            if (secure)
            {
                EnsureKeys();
                _scopedWriter.Reset(_scopedBuffer);
                WriteScopedPdu(_scopedWriter, _engineId, pduType, requestId, nonRepeaters, maxRepetitions, oids, count);
                int plain = _scopedWriter.Length;
                int at = w.ReserveOctetString(plain);
                Array.Copy(_scopedBuffer, 0, RequestBuffer, at, plain);
                Array.Clear(_scopedBuffer, 0, plain);
                _cipher.Encrypt(boots, time, _salt, 0, RequestBuffer, at, plain);
            }
            else
            {
                WriteScopedPdu(w, null, pduType, requestId, nonRepeaters, maxRepetitions, oids, count);
            }
            w.End(message);

            if (secure)
            {
                // RFC 3414 section 6.3.1 / 7.3.1: the MAC covers the whole message with the MAC field zeroed.
                _hmac.Reset();
                _hmac.Update(RequestBuffer, 0, w.Length);
                _hmac.Final(_mac, 0);
                Array.Copy(_mac, 0, RequestBuffer, macAt, MacBytes);
            }
            return w.Length;
        }

        private static void WriteScopedPdu(BerWriter w, byte[] contextEngineId, byte pduType, int requestId, int nonRepeaters, int maxRepetitions, uint[][] oids, int count)
        {
            int scoped = w.Begin(BerTag.Sequence);
            w.WriteOctetString(contextEngineId);
            w.WriteOctetString(null); // default context
            SnmpPduCodec.WriteRequest(w, pduType, requestId, nonRepeaters, maxRepetitions, oids, count);
            w.End(scoped);
        }

        protected override SnmpPdu Decode(int length, int requestId, out SnmpFailure rejected)
        {
            rejected = SnmpFailure.None;
            _lastAnswerAuthenticated = false;
            byte[] buffer = ResponseBuffer;
            BerReader r = Reader;
            r.Reset(buffer, 0, length);
            r.Enter(BerTag.Sequence);
            if (r.ReadInteger() != Version3) throw new FormatException("SNMP: answer is not SNMPv3");
            r.Enter(BerTag.Sequence);
            int msgId = r.ReadInt32();
            int maxSize = r.ReadInt32();
            if (maxSize < 484) throw new FormatException("SNMPv3: msgMaxSize below 484");
            int flagsLength;
            int flagsAt = r.ReadOctetString(out flagsLength);
            if (flagsLength != 1) throw new FormatException("SNMPv3: msgFlags is not one byte");
            byte flags = buffer[flagsAt];
            if (r.ReadInt32() != SecurityModelUsm) throw new FormatException("SNMPv3: not the user-based security model");
            r.Leave();

            r.Enter(BerTag.OctetString);
            r.Enter(BerTag.Sequence);
            int engineLength;
            int engineAt = r.ReadOctetString(out engineLength);
            if (engineLength > MaxEngineIdBytes) throw new FormatException("SNMPv3: engine id longer than 32 bytes");
            long boots = r.ReadInteger();
            long time = r.ReadInteger();
            if (boots < 0 || boots > int.MaxValue || time < 0 || time > int.MaxValue) throw new FormatException("SNMPv3: engine boots or time out of range");
            int userLength;
            int userAt = r.ReadOctetString(out userLength);
            if (userLength > MaxUserBytes) throw new FormatException("SNMPv3: user name longer than 32 bytes");
            int macLength;
            int macAt = r.ReadOctetString(out macLength);
            int saltLength;
            int saltAt = r.ReadOctetString(out saltLength);
            r.Leave();
            r.Leave();

            if (msgId != requestId)
            {
                rejected = SnmpFailure.WrongRequestId;
                return null;
            }
            bool auth = (flags & FlagAuth) != 0;
            bool priv = (flags & FlagPriv) != 0;
            if (priv && !auth) throw new FormatException("SNMPv3: privacy without authentication");

            if (_discovering)
            {
                if (auth) throw new FormatException("SNMPv3: discovery answer claims authentication");
                SnmpPdu found = ReadScopedPdu(r);
                r.Leave();
                if (r.Remaining != 0) throw new FormatException("SNMP: bytes after the message");
                if (engineLength > 0) SetEngine(buffer, engineAt, engineLength, (int)boots, (int)time);
                return found;
            }

            if (auth)
            {
                if (macLength != MacBytes || !SameBytes(buffer, userAt, userLength, _user) || !SameBytes(buffer, engineAt, engineLength, _engineId))
                {
                    rejected = SnmpFailure.AuthenticationFailed;
                    return null;
                }
                EnsureKeys();
                Array.Copy(buffer, macAt, _receivedMac, 0, MacBytes);
                Array.Clear(buffer, macAt, MacBytes);
                _hmac.Reset();
                _hmac.Update(buffer, 0, length);
                _hmac.Final(_mac, 0);
                int diff = 0;
                for (int i = 0; i < MacBytes; i++) diff |= _mac[i] ^ _receivedMac[i];
                if (diff != 0)
                {
                    rejected = SnmpFailure.AuthenticationFailed;
                    return null;
                }
            }

            SnmpPdu pdu;
            if (priv)
            {
                if (saltLength != UsmAesCfb.SaltBytes) throw new FormatException("SNMPv3: privacy parameters are not 8 bytes");
                int cipherLength;
                int cipherAt = r.ReadOctetString(out cipherLength);
                r.Leave();
                if (r.Remaining != 0) throw new FormatException("SNMP: bytes after the message");
                _cipher.Decrypt((int)boots, (int)time, buffer, saltAt, buffer, cipherAt, cipherLength);
                // Trailing bytes after the scoped PDU are allowed inside the decrypted data (RFC 3414 section 8.1.1.3).
                _plainReader.Reset(buffer, cipherAt, cipherLength);
                pdu = ReadScopedPdu(_plainReader);
            }
            else
            {
                pdu = ReadScopedPdu(r);
                r.Leave();
                if (r.Remaining != 0) throw new FormatException("SNMP: bytes after the message");
            }

            if (pdu.Type != BerTag.Response && pdu.Type != BerTag.Report) throw new FormatException("SNMP: answer is not a Response or Report PDU");
            if (auth && !CheckTimeliness(pdu, (int)boots, (int)time))
            {
                rejected = SnmpFailure.NotInTimeWindow;
                return null;
            }
            _lastAnswerAuthenticated = auth;
            if (!auth && pdu.Type != BerTag.Report)
            {
                // We asked at authPriv; only error reports may come back unauthenticated.
                rejected = SnmpFailure.AuthenticationFailed;
                return null;
            }
            if (pdu.Type == BerTag.Response && pdu.RequestId != requestId)
            {
                rejected = SnmpFailure.WrongRequestId;
                return null;
            }
            return pdu;
        }

        // RFC 3414 section 3.2 step 7b, non-authoritative side: adopt a newer engine clock, refuse stale messages.
        // An authenticated notInTimeWindow report is the agent telling us its clock, so its time is adopted even
        // when ours ran ahead; a replayed old report only makes the next try fail again.
        private bool CheckTimeliness(SnmpPdu pdu, int boots, int time)
        {
            bool clockReport = pdu.Type == BerTag.Report && ClassifyReport(pdu) == SnmpFailure.NotInTimeWindow;
            if (clockReport || boots > _boots || (boots == _boots && time > _latestReceivedTime))
            {
                _boots = boots;
                _time = time;
                _latestReceivedTime = time;
                _syncedAtMs = Clock.MonotonicMilliseconds;
            }
            if (clockReport) return true;
            return boots != int.MaxValue && boots >= _boots && !(boots == _boots && time < EstimatedTime() - TimeWindowSeconds);
        }

        private SnmpPdu ReadScopedPdu(BerReader r)
        {
            r.Enter(BerTag.Sequence);
            int contextLength;
            r.ReadOctetString(out contextLength);
            if (contextLength > MaxEngineIdBytes) throw new FormatException("SNMPv3: context engine id longer than 32 bytes");
            r.ReadOctetString(out contextLength);
            SnmpPdu pdu = Codec.ReadPdu(r);
            r.Leave();
            return pdu;
        }

        private void NextSalt()
        {
            _saltCounter++;
            ulong v = _saltCounter;
            for (int i = UsmAesCfb.SaltBytes - 1; i >= 0; i--)
            {
                _salt[i] = (byte)v;
                v >>= 8;
            }
        }

        private void SetEngine(byte[] data, int offset, int count, int boots, int time)
        {
            byte[] id = new byte[count];
            Array.Copy(data, offset, id, 0, count);
            bool changed = _engineId == null || !SameBytes(id, 0, id.Length, _engineId);
            _engineId = id;
            _boots = boots;
            _time = time;
            _latestReceivedTime = time;
            _syncedAtMs = Clock.MonotonicMilliseconds;
            // Keys are localized when first needed: discovery alone (or a failed one) never pays for 2 MiB of SHA-1.
            if (changed) { _hmac = null; _cipher = null; }
        }

        private void EnsureKeys()
        {
            if (_hmac != null) return;
            byte[] authKey = UsmKeys.LocalizedKey(_authPassword, _engineId);
            _hmac = new HmacSha1(authKey);
            Array.Clear(authKey, 0, authKey.Length);
            // RFC 3826 section 3.1.2.1: with SHA authentication the privacy key is localized with SHA-1 too, and AES-128 uses its first 16 bytes.
            byte[] privKey = UsmKeys.LocalizedKey(_privPassword, _engineId);
            _cipher = new UsmAesCfb(privKey);
            Array.Clear(privKey, 0, privKey.Length);
        }

        private int EstimatedTime()
        {
            long elapsed = (Clock.MonotonicMilliseconds - _syncedAtMs) / 1000;
            long t = _time + elapsed;
            return t > int.MaxValue ? int.MaxValue : (int)t;
        }
    }
}
