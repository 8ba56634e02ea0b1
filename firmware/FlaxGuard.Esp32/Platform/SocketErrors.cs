using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>Maps lwIP/WinSock error codes of nanoFramework's SocketException to the engine's outcomes.</summary>
    public static class SocketErrors
    {
        public static ConnectOutcome ToOutcome(SocketException e)
        {
            switch (e.ErrorCode)
            {
                case (int)SocketError.ConnectionRefused: return ConnectOutcome.Refused;
                case (int)SocketError.TimedOut: return ConnectOutcome.TimedOut;
                case (int)SocketError.HostUnreachable:
                case (int)SocketError.HostNotFound: return ConnectOutcome.Unreachable;
                default: return ConnectOutcome.Failed;
            }
        }
    }
}
