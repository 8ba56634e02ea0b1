using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Engine.Tests.Snmp;

/// <summary>
/// Random and mutated messages through the decoder and through whole v2c and v3 sessions: the decoder may only
/// fail with <see cref="FormatException"/>, sessions never throw at all, and no message makes them allocate
/// more than a small bound (nothing is sized from a length field).
/// </summary>
[TestClass]
public sealed class SnmpFuzzTests
{
    private const long AllocationBound = 16 * 1024;

    /// <summary>The UDP transport of a test: hands each request to a function and returns what it answers.</summary>
    private sealed class ScriptedUdp(Func<byte[], byte[]?> answer) : IUdpExchange
    {
        public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome)
        {
            var reply = answer(request[offset..(offset + count)]);
            if (reply is null) { outcome = ConnectOutcome.TimedOut; return -1; }
            int n = Math.Min(reply.Length, response.Length);
            Array.Copy(reply, response, n);
            outcome = ConnectOutcome.Connected;
            return n;
        }
    }

    private sealed class FixedClock : IClock
    {
        public long UtcUnixMilliseconds => 1_800_000_000_000;
        public long MonotonicMilliseconds => 1_000;
    }

    private static byte[] ValidV2cResponse(int requestId)
    {
        var w = new BerWriter(new byte[1024]);
        var message = w.Begin(BerTag.Sequence);
        w.WriteInteger(1);
        w.WriteOctetString("public"u8.ToArray());
        var pdu = w.Begin(BerTag.Response);
        w.WriteInteger(requestId);
        w.WriteInteger(0);
        w.WriteInteger(0);
        var list = w.Begin(BerTag.Sequence);
        void Bind(string oid, Action<BerWriter> value)
        {
            var vb = w.Begin(BerTag.Sequence);
            var arcs = SnmpOid.Parse(oid);
            w.WriteOid(arcs, arcs.Length);
            value(w);
            w.End(vb);
        }
        Bind("1.3.6.1.2.1.1.1.0", x => x.WriteOctetString("Linux router 5.4"u8.ToArray()));
        Bind("1.3.6.1.2.1.1.2.0", x => { var o = SnmpOid.Parse("1.3.6.1.4.1.8072.3.2.10"); x.WriteOid(o, o.Length); });
        Bind("1.3.6.1.2.1.1.3.0", x => x.WriteUnsigned(BerTag.TimeTicks, 123456));
        Bind("1.3.6.1.2.1.2.2.1.10.1", x => x.WriteUnsigned(BerTag.Counter32, 0xFFFFFFFF));
        Bind("1.3.6.1.2.1.31.1.1.1.6.1", x => x.WriteUnsigned(BerTag.Counter64, ulong.MaxValue));
        Bind("1.3.6.1.2.1.4.20.1.1.100.64.0.1", x => x.WriteOctets(BerTag.IpAddress, [100, 64, 0, 1], 0, 4));
        Bind("1.3.6.1.2.1.2.2.1.5.1", x => x.WriteUnsigned(BerTag.Gauge32, 1000000000));
        Bind("1.3.6.1.2.1.1.7.0", x => x.WriteInteger(-72));
        Bind("1.3.6.1.2.1.1.9.0", x => x.WriteEmpty(BerTag.NoSuchObject));
        Bind("1.3.6.1.2.1.1.9.1", x => x.WriteEmpty(BerTag.NoSuchInstance));
        Bind("1.3.6.1.2.1.99", x => x.WriteEmpty(BerTag.EndOfMibView));
        w.End(list);
        w.End(pdu);
        w.End(message);
        return w.Buffer[..w.Length];
    }

    /// <summary>Decodes a v2c message the way the session does, through the public reader and PDU codec.</summary>
    private static SnmpPdu DecodeV2c(byte[] data, SnmpPduCodec codec, BerReader reader)
    {
        reader.Reset(data, 0, data.Length);
        reader.Enter(BerTag.Sequence);
        reader.ReadInteger();
        reader.ReadOctetString(out _);
        var pdu = codec.ReadPdu(reader);
        reader.Leave();
        return pdu;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var data = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0: // flip bytes
                for (int i = random.Next(1, 6); i > 0; i--) data[random.Next(data.Length)] = (byte)random.Next(256);
                return data;
            case 1: // truncate
                return data[..random.Next(data.Length)];
            case 2: // a long-form or odd length byte somewhere
                data[random.Next(data.Length)] = (byte)(0x80 | random.Next(0, 8));
                return data;
            case 3: // insert junk
                {
                    int at = random.Next(data.Length);
                    var junk = new byte[random.Next(1, 40)];
                    random.NextBytes(junk);
                    return [.. data[..at], .. junk, .. data[at..]];
                }
            default: // duplicate a slice (nesting and length confusion)
                {
                    int a = random.Next(data.Length), b = random.Next(a, data.Length);
                    return [.. data[..b], .. data[a..b], .. data[b..]];
                }
        }
    }

    [TestMethod]
    public void ValidResponse_DecodesEveryType()
    {
        var pdu = DecodeV2c(ValidV2cResponse(42), new SnmpPduCodec(), new BerReader());
        Assert.AreEqual(42, pdu.RequestId);
        var texts = pdu.VarBinds.Select(v => v.ValueText()).ToArray();
        CollectionAssert.AreEqual(new[] { "Linux router 5.4", "1.3.6.1.4.1.8072.3.2.10", "123456", "4294967295", "18446744073709551615", "100.64.0.1", "1000000000", "-72", null, null, null }, texts);
        Assert.AreEqual(BerTag.EndOfMibView, pdu.VarBinds[^1].Type);
    }

    [TestMethod]
    public void DecoderFailsOnlyWithFormatException_OnRandomAndMutatedInput()
    {
        var random = new Random(3416);
        var codec = new SnmpPduCodec();
        var reader = new BerReader();
        var valid = ValidV2cResponse(7);
        int decoded = 0, refused = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] data;
            if (i % 4 == 0)
            {
                data = new byte[random.Next(0, 200)];
                random.NextBytes(data);
                if (data.Length > 0 && random.Next(2) == 0) data[0] = 0x30;
            }
            else
            {
                data = Mutate(valid, random);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                DecodeV2c(data, codec, reader);
                decoded++;
            }
            catch (FormatException)
            {
                refused++;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsLessThan(AllocationBound, allocated, $"case {i} allocated {allocated} bytes: {Convert.ToHexString(data)}");
        }
        Assert.IsGreaterThan(1_000, refused);
        Assert.IsGreaterThan(100, decoded, "mutations that keep the message valid should still decode");
    }

    [TestMethod]
    public void V2cSession_NeverThrows_OnMutatedAnswers()
    {
        var random = new Random(1901);
        var oids = new[] { SnmpOid.Parse("1.3.6.1.2.1.1.1.0") };
        int answered = 0;
        for (int i = 0; i < 3_000; i++)
        {
            var udp = new ScriptedUdp(request =>
            {
                var r = new BerReader(request, 0, request.Length);
                r.Enter(BerTag.Sequence); r.ReadInteger(); r.ReadOctetString(out _); r.EnterAny();
                var reply = ValidV2cResponse(r.ReadInt32());
                return random.Next(10) == 0 ? reply : Mutate(reply, random);
            });
            var session = new SnmpV2cSession(udp, new FixedClock(), "device", 161, "public"u8.ToArray(), 100, 1, long.MaxValue, 1024, random.Next());
            var pdu = session.Request(BerTag.GetRequest, oids, 1, 0, 0);
            if (pdu is not null) answered++;
            else Assert.AreNotEqual(SnmpFailure.None, session.Failure);
            Assert.IsLessThanOrEqualTo(2, session.Attempts);
        }
        Assert.IsGreaterThan(100, answered);
    }

    [TestMethod]
    public void V3Session_NeverThrows_OnMutatedAuthenticatedAndDiscoveryAnswers()
    {
        var random = new Random(3414);
        var oids = new[] { SnmpOid.Parse("1.3.6.1.2.1.1.5.0") };
        var engine = Convert.FromHexString("80001f888055aa55aa");
        // One session each, as a probe run has: keys are localized once per engine id, not per message.
        // Answer with a mutated copy of our own authPriv request: right user, engine, keys and MAC until mutated.
        var echo = new SnmpV3Session(new ScriptedUdp(request => random.Next(8) == 0 ? request : Mutate(request, random)), new FixedClock(), "device", 161,
            "fguser"u8.ToArray(), "auth-pass-1"u8.ToArray(), "priv-pass-2"u8.ToArray(), 100, 1, long.MaxValue, 1024, random.Next(), (ulong)random.NextInt64());
        echo.UseKnownEngine(engine, 3, 1000);
        for (int i = 0; i < 2_000; i++)
        {
            var pdu = echo.Request(BerTag.GetRequest, oids, 1, 0, 0);
            Assert.IsNull(pdu, "our own request is never a valid answer");
            Assert.AreNotEqual(SnmpFailure.None, echo.Failure);
        }

        // Discovery answers: mutated unauthenticated reports.
        var discovery = new SnmpV3Session(new ScriptedUdp(request =>
        {
            var r = new BerReader(request, 0, request.Length);
            r.Enter(BerTag.Sequence); r.ReadInteger(); r.Enter(BerTag.Sequence);
            return Mutate(DiscoveryReport(r.ReadInt32(), engine), random);
        }), new FixedClock(), "device", 161, "fguser"u8.ToArray(), "a"u8.ToArray(), "b"u8.ToArray(), 100, 1, long.MaxValue, 1024, random.Next(), 1);
        int found = 0;
        for (int i = 0; i < 3_000; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            if (discovery.Discover())
            {
                found++;
                Assert.IsNotNull(discovery.EngineId);
            }
            else
            {
                Assert.AreNotEqual(SnmpFailure.None, discovery.Failure);
                Assert.IsLessThan(AllocationBound, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }
        Assert.IsLessThan(3_000, found, "most mutations must be refused");
    }

    [TestMethod]
    public void V3Session_DiscoversEngineFromAValidReport()
    {
        var engine = Convert.FromHexString("80001f888055aa55aa");
        var udp = new ScriptedUdp(request =>
        {
            var r = new BerReader(request, 0, request.Length);
            r.Enter(BerTag.Sequence); r.ReadInteger(); r.Enter(BerTag.Sequence);
            return DiscoveryReport(r.ReadInt32(), engine);
        });
        var session = new SnmpV3Session(udp, new FixedClock(), "device", 161, "fguser"u8.ToArray(), "auth-pass-1"u8.ToArray(), "priv-pass-2"u8.ToArray(),
            100, 1, long.MaxValue, 1024, 5, 1);
        Assert.IsTrue(session.Discover());
        CollectionAssert.AreEqual(engine, session.EngineId);
        Assert.AreEqual(7, session.EngineBoots);
        Assert.AreEqual(4242, session.EngineTime);
    }

    [TestMethod]
    [DataRow("1.3.6.1.6.3.15.1.1.1.0", SnmpFailure.UnsupportedSecurityLevel)]
    [DataRow("1.3.6.1.6.3.15.1.1.2.0", SnmpFailure.NotInTimeWindow)]
    [DataRow("1.3.6.1.6.3.15.1.1.3.0", SnmpFailure.UnknownUser)]
    [DataRow("1.3.6.1.6.3.15.1.1.4.0", SnmpFailure.UnknownEngine)]
    [DataRow("1.3.6.1.6.3.15.1.1.5.0", SnmpFailure.WrongDigest)]
    [DataRow("1.3.6.1.6.3.15.1.1.6.0", SnmpFailure.DecryptionError)]
    [DataRow("1.3.6.1.6.3.11.2.1.3.0", SnmpFailure.OtherReport)]
    public void V3Session_ClassifiesUsmReports(string reportOid, SnmpFailure expected)
    {
        var engine = Convert.FromHexString("80001f888055aa55aa");
        int sent = 0;
        var udp = new ScriptedUdp(request =>
        {
            sent++;
            var r = new BerReader(request, 0, request.Length);
            r.Enter(BerTag.Sequence); r.ReadInteger(); r.Enter(BerTag.Sequence);
            return DiscoveryReport(r.ReadInt32(), engine, reportOid);
        });
        var session = new SnmpV3Session(udp, new FixedClock(), "device", 161, "fguser"u8.ToArray(), "auth-pass-1"u8.ToArray(), "priv-pass-2"u8.ToArray(),
            100, 1, long.MaxValue, 1024, 9, 1);
        session.UseKnownEngine(engine, 7, 4242);
        Assert.IsNull(session.Request(BerTag.GetRequest, [SnmpOid.Parse("1.3.6.1.2.1.1.5.0")], 1, 0, 0));
        Assert.AreEqual(expected, session.Failure);
        // An unauthenticated notInTimeWindow report must not move our clock or buy a second try.
        Assert.AreEqual(1, sent);
        Assert.AreEqual(4242, session.EngineTime);
    }

    private static byte[] DiscoveryReport(int msgId, byte[] engine, string reportOid = "1.3.6.1.6.3.15.1.1.4.0")
    {
        var w = new BerWriter(new byte[512]);
        var message = w.Begin(BerTag.Sequence);
        w.WriteInteger(3);
        var header = w.Begin(BerTag.Sequence);
        w.WriteInteger(msgId);
        w.WriteInteger(65507);
        w.WriteOctets(BerTag.OctetString, [0], 0, 1);
        w.WriteInteger(3);
        w.End(header);
        var parameters = w.Begin(BerTag.OctetString);
        var usm = w.Begin(BerTag.Sequence);
        w.WriteOctetString(engine);
        w.WriteInteger(7);
        w.WriteInteger(4242);
        w.WriteOctetString(null);
        w.WriteOctetString(null);
        w.WriteOctetString(null);
        w.End(usm);
        w.End(parameters);
        var scoped = w.Begin(BerTag.Sequence);
        w.WriteOctetString(engine);
        w.WriteOctetString(null);
        var pdu = w.Begin(BerTag.Report);
        w.WriteInteger(msgId);
        w.WriteInteger(0);
        w.WriteInteger(0);
        var list = w.Begin(BerTag.Sequence);
        var vb = w.Begin(BerTag.Sequence);
        var oid = SnmpOid.Parse(reportOid);
        w.WriteOid(oid, oid.Length);
        w.WriteUnsigned(BerTag.Counter32, 1);
        w.End(vb);
        w.End(list);
        w.End(pdu);
        w.End(scoped);
        w.End(message);
        return w.Buffer[..w.Length];
    }
}
