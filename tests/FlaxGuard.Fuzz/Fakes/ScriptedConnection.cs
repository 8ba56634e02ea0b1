using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Fuzz.Fakes;

/// <summary>A device's TCP connection that sends the fuzz input in pieces of a set size, then closes.</summary>
public sealed class ScriptedConnection(byte[] answer, int pieceBytes) : ITcpConnection
{
    private int _sent;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = Math.Min(Math.Min(count, pieceBytes), answer.Length - _sent);
        Array.Copy(answer, _sent, buffer, offset, n);
        _sent += n;
        return n;
    }

    public bool Write(byte[] data, int offset, int count, int timeoutMs) => true;

    public void Dispose()
    {
    }
}
