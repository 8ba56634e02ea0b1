using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Probes.Tests.Snmp;

/// <summary>What the hostile SNMP agent does with each request.</summary>
public enum HostileSnmpMode
{
    /// <summary>Never answers.</summary>
    Silent,
    /// <summary>Random bytes.</summary>
    Garbage,
    /// <summary>A valid answer cut in the middle.</summary>
    Truncated,
    /// <summary>A valid answer for another request id (or v3 msgID).</summary>
    WrongRequestId,
    /// <summary>A SEQUENCE that claims 2 GiB.</summary>
    HugeLength,
    /// <summary>Indefinite-length BER, which SNMP forbids.</summary>
    IndefiniteLength,
    /// <summary>SEQUENCEs nested 60 deep.</summary>
    DeepNesting,
    /// <summary>An OID of 300 arcs.</summary>
    LongOid,
    /// <summary>A 60,000-byte datagram.</summary>
    Oversized,
    /// <summary>Every other answer has a wrong request id; the retry gets the right one.</summary>
    WrongIdThenRight,
    /// <summary>Valid system group; walks answer the same OID forever.</summary>
    LoopingWalk,
    /// <summary>Valid system group; walks never end (ever-increasing OIDs under the column).</summary>
    EndlessWalk,
    /// <summary>Valid answers; process names that are long, non-ASCII, binary, empty or full of key-breaking characters.</summary>
    OddProcessNames,
    /// <summary>Drops v2c requests; answers SNMPv3 engine discovery with a valid usmStatsUnknownEngineIDs report (an agent that refuses the community).</summary>
    DropsCommunityAnswersDiscovery,
    /// <summary>Drops v2c requests; answers engine discovery with a report for another msgID.</summary>
    DropsCommunityDiscoveryWrongId,
    /// <summary>Drops v2c requests; answers engine discovery with a report cut in the middle.</summary>
    DropsCommunityDiscoveryTruncated,
    /// <summary>Valid answers; hrSWRun rows of a router with an implant: a deleted binary under /var/run, ./x, sh running a /dev/shm script, daemons with pid files.</summary>
    SuspectProcesses,
}

/// <summary>
/// A small UDP agent on loopback that answers SNMP requests the way a broken or hostile device might. It parses
/// just enough of each request (with the engine's reader) to echo ids, and counts the datagrams it got.
/// </summary>
public sealed class HostileSnmpServer : IDisposable
{
    private static readonly uint[] HrSwRunName = [1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 2];
    private static readonly uint[] HrSwRunPath = [1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 4];
    private static readonly uint[] HrSwRunParameters = [1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 5];

    /// <summary>hrSWRunName, hrSWRunPath, hrSWRunParameters of <see cref="HostileSnmpMode.SuspectProcesses"/>, row by row.</summary>
    public static readonly string[][] SuspectRows =
    [
        ["dropbear", "/usr/sbin/dropbear", "-F -P /var/run/dropbear.1.pid"],
        ["mips", "/var/run/.m/mips (deleted)", ""],
        ["sh", "/bin/sh", "/dev/shm/.s/run.sh -d"],
        ["x", "./x", ""],
        ["udhcpc", "/sbin/udhcpc", "-p /var/run/udhcpc-wan.pid -s /lib/netifd/dhcp.script"],
    ];

    public static readonly byte[][] OddNames =
    [
        System.Text.Encoding.UTF8.GetBytes(new string('\u00e9', 100)),
        "a=b c%d"u8.ToArray(),
        [0x01, 0x02, 0x1b, 0x5b, 0x32, 0x4a],
        [],
        System.Text.Encoding.ASCII.GetBytes(new string('x', 900)),
        [0xff, 0xfe, 0x00, 0x41],
        System.Text.Encoding.UTF8.GetBytes(new string('\u4e2d', 300)),
        "busybox"u8.ToArray(),
        "busybox"u8.ToArray(),
    ];
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly HostileSnmpMode _mode;
    private volatile bool _stopped;
    private int _received;

    public HostileSnmpServer(HostileSnmpMode mode)
    {
        _mode = mode;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 200;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port { get; }

    public int Received => Volatile.Read(ref _received);

    private void Serve()
    {
        var buffer = new byte[65536];
        var random = new Random(Port);
        while (!_stopped)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n;
            try { n = _socket.ReceiveFrom(buffer, ref from); }
            catch (SocketException) { continue; }
            catch (ObjectDisposedException) { return; }
            var count = Interlocked.Increment(ref _received);
            byte[]? answer;
            try { answer = Answer(buffer.AsSpan(0, n).ToArray(), count, random); }
            catch (FormatException) { answer = null; } // a request this little agent cannot echo: stay silent, never crash the test host
            if (answer is null) continue;
            try { _socket.SendTo(answer, from); }
            catch (SocketException) { }
            catch (ObjectDisposedException) { return; }
        }
    }

    private byte[]? Answer(byte[] request, int count, Random random)
    {
        switch (_mode)
        {
            case HostileSnmpMode.Silent:
                return null;
            case HostileSnmpMode.Garbage:
                {
                    var junk = new byte[random.Next(1, 600)];
                    random.NextBytes(junk);
                    return junk;
                }
            case HostileSnmpMode.HugeLength:
                return [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01];
            case HostileSnmpMode.IndefiniteLength:
                return [0x30, 0x80, 0x02, 0x01, 0x01, 0x04, 0x00, 0x00, 0x00];
            case HostileSnmpMode.DeepNesting:
                {
                    var deep = new List<byte>();
                    for (int i = 0; i < 60; i++) { deep.Add(0x30); deep.Add((byte)(2 * (59 - i) + 2)); }
                    deep.Add(0x05); deep.Add(0x00);
                    return deep.ToArray();
                }
            case HostileSnmpMode.Oversized:
                return new byte[60_000];
        }

        var parsed = Parse(request);
        if (parsed is null) return null;
        var (version, id, pduType, oids) = parsed.Value;
        if (_mode is HostileSnmpMode.DropsCommunityAnswersDiscovery or HostileSnmpMode.DropsCommunityDiscoveryWrongId or HostileSnmpMode.DropsCommunityDiscoveryTruncated)
        {
            if (version != 3) return null;
            var report = DiscoveryReport(_mode == HostileSnmpMode.DropsCommunityDiscoveryWrongId ? id + 1 : id);
            return _mode == HostileSnmpMode.DropsCommunityDiscoveryTruncated ? report[..(report.Length / 2)] : report;
        }
        var wrongId = _mode == HostileSnmpMode.WrongRequestId || (_mode == HostileSnmpMode.WrongIdThenRight && count % 2 == 1);
        var answerId = wrongId ? id + 1 : id;
        byte[] answer = version == 3 ? DiscoveryReport(answerId) : V2cResponse(answerId, pduType, oids);
        if (_mode == HostileSnmpMode.Truncated) return answer[..(answer.Length / 2)];
        return answer;
    }

    private static (int Version, int Id, byte PduType, uint[][] Oids)? Parse(byte[] request)
    {
        try
        {
            var r = new BerReader(request, 0, request.Length);
            r.Enter(BerTag.Sequence);
            var version = (int)r.ReadInteger();
            if (version == 3)
            {
                r.Enter(BerTag.Sequence);
                return (3, r.ReadInt32(), 0, []);
            }
            r.ReadOctetString(out _);
            var type = r.EnterAny();
            var id = r.ReadInt32();
            r.ReadInteger();
            r.ReadInteger();
            r.Enter(BerTag.Sequence);
            var oids = new List<uint[]>();
            var arcs = new uint[BerReader.MaxOidArcs];
            while (r.Remaining > 0)
            {
                r.Enter(BerTag.Sequence);
                oids.Add(arcs[..r.ReadOid(arcs)]);
                r.ReadNull();
                r.Leave();
            }
            return (version, id, type, oids.ToArray());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] V2cResponse(int id, byte pduType, uint[][] oids)
    {
        var w = new BerWriter(new byte[8192]);
        var message = w.Begin(BerTag.Sequence);
        w.WriteInteger(1);
        w.WriteOctetString("public"u8.ToArray());
        var pdu = w.Begin(BerTag.Response);
        w.WriteInteger(id);
        w.WriteInteger(0);
        w.WriteInteger(0);
        var list = w.Begin(BerTag.Sequence);
        foreach (var oid in oids)
        {
            var vb = w.Begin(BerTag.Sequence);
            if (pduType == BerTag.GetRequest)
            {
                w.WriteOid(oid, oid.Length);
                if (_mode == HostileSnmpMode.LongOid)
                {
                    // Written by hand: our writer refuses more than 128 arcs, as it should. 0x2B is "1.3", then 298 arcs of 1.
                    var content = Enumerable.Repeat((byte)1, 299).ToArray();
                    content[0] = 0x2B;
                    w.WriteHeader(BerTag.ObjectIdentifier, content.Length);
                    w.WriteRaw(content, 0, content.Length);
                }
                else if (oid[^2] == 2)
                {
                    w.WriteOid([1, 3, 6, 1, 4, 1, 99999, 1], 8);
                }
                else
                {
                    w.WriteOctetString("hostile"u8.ToArray());
                }
            }
            else if (_mode == HostileSnmpMode.LoopingWalk)
            {
                uint[] same = [.. HrSwRunName, 5];
                w.WriteOid(same, same.Length);
                w.WriteOctetString("loop"u8.ToArray());
            }
            else if (_mode == HostileSnmpMode.OddProcessNames && (SnmpOid.IsUnder(oid, HrSwRunName) || SnmpOid.Equal(oid, HrSwRunName)))
            {
                uint index = SnmpOid.IsUnder(oid, HrSwRunName) ? oid[HrSwRunName.Length] + 1 : 1;
                uint[] next = [.. HrSwRunName, index];
                if (index <= OddNames.Length)
                {
                    w.WriteOid(next, next.Length);
                    w.WriteOctetString(OddNames[index - 1]);
                }
                else
                {
                    w.WriteOid(oid, oid.Length);
                    w.WriteEmpty(BerTag.EndOfMibView);
                }
            }
            else if (_mode == HostileSnmpMode.SuspectProcesses && SuspectColumn(oid) is { } column)
            {
                uint[] table = column == 0 ? HrSwRunName : column == 1 ? HrSwRunPath : HrSwRunParameters;
                uint index = SnmpOid.IsUnder(oid, table) ? oid[table.Length] + 1 : 1;
                uint[] next = [.. table, index];
                if (index <= SuspectRows.Length)
                {
                    w.WriteOid(next, next.Length);
                    w.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(SuspectRows[index - 1][column]));
                }
                else
                {
                    w.WriteOid(oid, oid.Length);
                    w.WriteEmpty(BerTag.EndOfMibView);
                }
            }
            else if (_mode == HostileSnmpMode.EndlessWalk)
            {
                uint[] next = [.. HrSwRunName, SnmpOid.IsUnder(oid, HrSwRunName) ? oid[HrSwRunName.Length] + 1 : 1];
                if (SnmpOid.IsUnder(oid, HrSwRunName) || SnmpOid.Equal(oid, HrSwRunName))
                {
                    w.WriteOid(next, next.Length);
                    w.WriteOctetString("worker"u8.ToArray());
                }
                else
                {
                    w.WriteOid(oid, oid.Length);
                    w.WriteEmpty(BerTag.EndOfMibView);
                }
            }
            else
            {
                w.WriteOid(oid, oid.Length);
                w.WriteEmpty(BerTag.EndOfMibView);
            }
            w.End(vb);
        }
        w.End(list);
        w.End(pdu);
        w.End(message);
        return w.Buffer[..w.Length];
    }

    private static int? SuspectColumn(uint[] oid)
    {
        uint[][] tables = [HrSwRunName, HrSwRunPath, HrSwRunParameters];
        for (int i = 0; i < tables.Length; i++)
            if (SnmpOid.IsUnder(oid, tables[i]) || SnmpOid.Equal(oid, tables[i])) return i;
        return null;
    }

    /// <summary>The usmStatsUnknownEngineIDs report an agent sends to an engine discovery request.</summary>
    private static byte[] DiscoveryReport(int msgId)
    {
        var w = new BerWriter(new byte[1024]);
        var message = w.Begin(BerTag.Sequence);
        w.WriteInteger(3);
        var header = w.Begin(BerTag.Sequence);
        w.WriteInteger(msgId);
        w.WriteInteger(65507);
        w.WriteOctets(BerTag.OctetString, [0x00], 0, 1);
        w.WriteInteger(3);
        w.End(header);
        var parameters = w.Begin(BerTag.OctetString);
        var usm = w.Begin(BerTag.Sequence);
        w.WriteOctetString([0x80, 0x00, 0x1f, 0x88, 0x80, 0xaa, 0xbb, 0xcc, 0xdd]);
        w.WriteInteger(1);
        w.WriteInteger(100);
        w.WriteOctetString(null);
        w.WriteOctetString(null);
        w.WriteOctetString(null);
        w.End(usm);
        w.End(parameters);
        var scoped = w.Begin(BerTag.Sequence);
        w.WriteOctetString([0x80, 0x00, 0x1f, 0x88, 0x80, 0xaa, 0xbb, 0xcc, 0xdd]);
        w.WriteOctetString(null);
        var pdu = w.Begin(BerTag.Report);
        w.WriteInteger(msgId);
        w.WriteInteger(0);
        w.WriteInteger(0);
        var list = w.Begin(BerTag.Sequence);
        var vb = w.Begin(BerTag.Sequence);
        uint[] unknownEngineIds = [1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0];
        w.WriteOid(unknownEngineIds, unknownEngineIds.Length);
        w.WriteUnsigned(BerTag.Counter32, 1);
        w.End(vb);
        w.End(list);
        w.End(pdu);
        w.End(scoped);
        w.End(message);
        return w.Buffer[..w.Length];
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
        _thread.Join(2000);
    }
}
