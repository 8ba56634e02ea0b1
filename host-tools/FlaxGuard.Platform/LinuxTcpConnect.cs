using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>
/// IPv4 connects on Linux straight through libc: socket(SOCK_NONBLOCK), connect, poll, getsockopt(SO_ERROR), close.
/// A port sweep is mostly refused connects, and .NET's Socket.Connect reports each refusal (and each in-progress
/// connect) as a SocketException; at tens of thousands of ports the exceptions cost more CPU than the connects.
/// Only an accepted connection becomes a .NET Socket.
/// </summary>
internal static partial class LinuxTcpConnect
{
    private const int AfInet = 2;
    private const int SockStream = 1;
    private const int SockNonBlock = 0x800;
    private const int SockCloExec = 0x80000;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const short PollOut = 0x4;
    private const int EInProgress = 115;
    private const int EIntr = 4;

    [StructLayout(LayoutKind.Sequential)]
    private struct SockAddrIn
    {
        public ushort Family;
        public ushort PortBigEndian;
        public uint Address;
        public ulong Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int SysSocket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int SysConnect(int fd, in SockAddrIn address, int length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int SysPoll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int SysGetSockOpt(int fd, int level, int name, ref int value, ref int length);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int SysClose(int fd);

    public static bool Applies(IPAddress address) => OperatingSystem.IsLinux() && address.AddressFamily == AddressFamily.InterNetwork;

    public static ConnectOutcome Connect(IPAddress address, int port, int timeoutMs, out ITcpConnection? connection)
    {
        connection = null;
        var fd = SysSocket(AfInet, SockStream | SockNonBlock | SockCloExec, 0);
        if (fd < 0) return ConnectOutcome.Failed;
        var keep = false;
        try
        {
            var bytes = address.GetAddressBytes();
            var sockaddr = new SockAddrIn
            {
                Family = AfInet,
                PortBigEndian = (ushort)((port >> 8) | ((port & 0xFF) << 8)),
                Address = BitConverter.ToUInt32(bytes, 0),
            };
            if (SysConnect(fd, sockaddr, Marshal.SizeOf<SockAddrIn>()) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EInProgress) return Classify(errno);
                var started = Environment.TickCount64;
                var pollFd = new PollFd { Fd = fd, Events = PollOut };
                while (true)
                {
                    var left = (int)Math.Max(0, timeoutMs - (Environment.TickCount64 - started));
                    var ready = SysPoll(ref pollFd, 1, left);
                    if (ready > 0) break;
                    if (ready == 0) return ConnectOutcome.TimedOut;
                    if (Marshal.GetLastPInvokeError() != EIntr) return ConnectOutcome.Failed;
                }
                int error = 0, length = sizeof(int);
                if (SysGetSockOpt(fd, SolSocket, SoError, ref error, ref length) != 0) return ConnectOutcome.Failed;
                if (error != 0) return Classify(error);
            }
            var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true)) { Blocking = true, NoDelay = true };
            keep = true;
            connection = new SocketTcpConnection(socket);
            return ConnectOutcome.Connected;
        }
        finally
        {
            if (!keep) SysClose(fd);
        }
    }

    /// <summary>Linux errno values (asm-generic/errno.h) as the engine's outcomes.</summary>
    private static ConnectOutcome Classify(int errno) => errno switch
    {
        111 => ConnectOutcome.Refused,        // ECONNREFUSED
        110 => ConnectOutcome.TimedOut,       // ETIMEDOUT
        113 or 101 or 112 => ConnectOutcome.Unreachable, // EHOSTUNREACH, ENETUNREACH, EHOSTDOWN
        22 or 99 or 97 => ConnectOutcome.InvalidAddress, // EINVAL, EADDRNOTAVAIL, EAFNOSUPPORT
        _ => ConnectOutcome.Failed,
    };
}
