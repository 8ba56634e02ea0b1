using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Fuzz.Fakes;

/// <summary>A UDP exchange whose every answer is the fuzz input, cut to the receive buffer as a socket would cut it.</summary>
public sealed class ReplayUdp(byte[] answer) : IUdpExchange
{
    public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome)
    {
        int n = Math.Min(answer.Length, response.Length);
        Array.Copy(answer, response, n);
        outcome = ConnectOutcome.Connected;
        return n;
    }
}
