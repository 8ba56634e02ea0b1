using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Probes.Tests.Dns;

/// <summary>What the hostile resolver does with each query.</summary>
public enum HostileDnsMode
{
    Silent,
    PointerLoop,
    Truncated,
    WrongId,
    WrongIdFirstThenHonest,
    HugeCounts,
    OtherQuestion,
    Oversized,
    ForwardPointer,
}

/// <summary>
/// A UDP "resolver" on loopback that answers every query in one hostile way, built byte by byte from the
/// query it got. Bounded: it answers at most 200 queries and stops on dispose.
/// </summary>
internal sealed class HostileDnsServer : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly HostileDnsMode _mode;
    private volatile bool _stopped;
    private int _queries;

    public HostileDnsServer(IPAddress address, HostileDnsMode mode)
    {
        _mode = mode;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        Address = address;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public IPAddress Address { get; }

    public int Port { get; }

    public int Queries => Volatile.Read(ref _queries);

    private void Serve()
    {
        var buffer = new byte[600];
        while (!_stopped && _queries < 200)
        {
            try
            {
                if (!_socket.Poll(100_000, SelectMode.SelectRead)) continue;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                var n = _socket.ReceiveFrom(buffer, ref from);
                var count = Interlocked.Increment(ref _queries);
                var reply = Reply(buffer[..n], count);
                if (reply is not null) _socket.SendTo(reply, from);
            }
            catch (SocketException)
            {
                if (_stopped) return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private byte[]? Reply(byte[] query, int count)
    {
        if (query.Length < 17) return null;
        var question = query[12..];
        byte[] Header(int id, int flags, int an, int ns = 0, int ar = 0) => [(byte)(id >> 8), (byte)id, (byte)(flags >> 8), (byte)flags, 0, 1, (byte)(an >> 8), (byte)an, (byte)(ns >> 8), (byte)ns, (byte)(ar >> 8), (byte)ar];
        var id = (query[0] << 8) | query[1];
        byte[] record = [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1];
        switch (_mode)
        {
            case HostileDnsMode.Silent:
                return null;
            case HostileDnsMode.PointerLoop:
                var self = 12 + question.Length;
                return [.. Header(id, 0x8180, 1), .. question, (byte)(0xC0 | (self >> 8)), (byte)self, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1];
            case HostileDnsMode.ForwardPointer:
                var ahead = 12 + question.Length + 16;
                return [.. Header(id, 0x8180, 1), .. question, (byte)(0xC0 | (ahead >> 8)), (byte)ahead, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1, 0];
            case HostileDnsMode.Truncated:
                return [.. Header(id, 0x8380, 0), .. question];
            case HostileDnsMode.WrongId:
                return [.. Header(id ^ 0x5A5A, 0x8180, 1), .. question, .. record];
            case HostileDnsMode.WrongIdFirstThenHonest:
                return [.. Header(count == 1 ? id ^ 0x5A5A : id, 0x8180, 1), .. question, .. record];
            case HostileDnsMode.HugeCounts:
                return [.. Header(id, 0x8180, 0xFFFF, 0xFFFF, 0xFFFF), .. question, .. record];
            case HostileDnsMode.OtherQuestion:
                byte[] other = [5, (byte)'o', (byte)'t', (byte)'h', (byte)'e', (byte)'r', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 1, 0, 1];
                return [.. Header(id, 0x8180, 1), .. other, .. record];
            case HostileDnsMode.Oversized:
                var many = Enumerable.Range(0, 40).SelectMany(_ => record).ToArray();
                return [.. Header(id, 0x8180, 40), .. question, .. many];
            default:
                return null;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
        _thread.Join(2000);
    }
}
