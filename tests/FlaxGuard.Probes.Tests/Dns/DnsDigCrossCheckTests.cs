using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Dns;

/// <summary>
/// The engine's encoder against Debian's dig: dig's query for the same question, captured on a loopback
/// socket, must be byte-for-byte our query with dig's message id; and dig must accept the engine's encoding
/// echoed back as an answer (dig decodes it into the same address the engine's decoder reads).
/// </summary>
[TestClass]
public sealed class DnsDigCrossCheckTests
{
    [TestMethod]
    [DataRow("one.canary.test", "A", DnsRecordType.A)]
    [DataRow("Mixed-Case.Example", "AAAA", DnsRecordType.Aaaa)]
    [DataRow("a.b.c.d.e.f.g.h.example", "A", DnsRecordType.A)]
    public void DigsQuery_IsByteForByteOurs(string name, string digType, int type)
    {
        var dig = DebianTool.Require("dig", "dnsutils");
        var address = DnsTestNet.Loopback(20);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        byte[]? captured = null;
        byte[] answer = [];
        var server = new Thread(() =>
        {
            var buffer = new byte[600];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            if (!socket.Poll(5_000_000, SelectMode.SelectRead)) return;
            var n = socket.ReceiveFrom(buffer, ref from);
            captured = buffer[..n];
            // Answer with our own encoding of the question plus one record, so dig decodes what we encode.
            var query = new byte[DnsQuery.MaxBytes];
            var length = DnsQuery.Encode(query, (captured[0] << 8) | captured[1], name, type);
            answer = [.. query[..length], 0xC0, 12, 0, (byte)type, 0, 1, 0, 0, 0, 30, 0, (byte)(type == 1 ? 4 : 16), .. (type == 1 ? new byte[] { 192, 0, 2, 99 } : IPAddress.Parse("2001:db8::99").GetAddressBytes())];
            answer[2] |= 0x80;
            answer[7] = 1;
            socket.SendTo(answer, from);
        });
        server.Start();
        var (code, stdout, stderr) = DebianTool.Run(dig, [$"@{address}", "-p", port.ToString(), "+noedns", "+nocookie", "+noadflag", "+tries=1", "+time=3", "+short", name, digType], timeoutMs: 10_000);
        server.Join(6_000);
        Assert.IsNotNull(captured, "dig sent nothing");
        Assert.AreEqual(0, code, stderr);

        var ours = new byte[DnsQuery.MaxBytes];
        var ourLength = DnsQuery.Encode(ours, (captured[0] << 8) | captured[1], name, type);
        // dig keeps the name's case as typed; the engine asks in lower case (case is not significant, RFC 4343).
        var digsLowered = captured.ToArray();
        for (var i = 12; i < digsLowered.Length - 4; i++) if (digsLowered[i] is >= (byte)'A' and <= (byte)'Z') digsLowered[i] += 32;
        CollectionAssert.AreEqual(ours[..ourLength], digsLowered, $"ours {Convert.ToHexString(ours[..ourLength])} dig {Convert.ToHexString(captured)}");

        var expected = type == 1 ? "192.0.2.99" : "2001:db8::99";
        Assert.AreEqual(expected, stdout.Trim());
        var reply = DnsDecoder.Decode(answer, answer.Length, (captured[0] << 8) | captured[1], DnsName.Normalize(name), type);
        CollectionAssert.AreEqual(new[] { expected }, reply.Addresses);
    }
}
