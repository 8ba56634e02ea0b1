// nanogate-assembly: System.Net
// nanogate-references: System.IO.Streams, System.Threading
//
// Package:  nanoFramework.System.Net 1.11.60 (NuGet), assembly System.Net
// Upstream: https://github.com/nanoframework/System.Net  (nanoFramework.System.Net/**/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. Declares only the members the ESP32 app
// uses, with the upstream shapes. nanoFramework's odd shapes kept: Socket implements IDisposable EXPLICITLY
// (socket.Dispose() does not compile; use Close() or a using block); ReceiveFrom needs a prior SendTo/Connect;
// Dns has ONLY GetHostEntry; IPAddress has Parse and NO TryParse; NetworkHelper takes the token BEFORE
// requiresDateTime (WifiNetworkHelper the other way round); the NetworkHelperStatus "Connetting" typo is real.
// TcpClient/UdpClient are NOT here (separate packages). X509Certificate lives in this assembly.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.11.60.0")]

namespace System.Net
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/EndPoint.cs
    public abstract class EndPoint
    {
        public abstract SocketAddress Serialize();

        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/SocketAddress.cs
    // (only as the type of EndPoint's abstract members)
    public class SocketAddress
    {
        public SocketAddress(Sockets.AddressFamily family, int size) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/IPAddress.cs
    public class IPAddress
    {
        public static readonly IPAddress Any = null;
        public static readonly IPAddress Loopback = null;

        public IPAddress(long newAddress) { throw new NotImplementedException(); }

        public IPAddress(byte[] address) { throw new NotImplementedException(); }

        public Sockets.AddressFamily AddressFamily { get { throw new NotImplementedException(); } }

        public byte[] GetAddressBytes() { throw new NotImplementedException(); }

        public static IPAddress Parse(string ipString) { throw new NotImplementedException(); }

        public override string ToString() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/IPEndPoint.cs
    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0x00000000;
        public const int MaxPort = 0x0000FFFF;

        public IPEndPoint(long address, int port) { throw new NotImplementedException(); }

        public IPEndPoint(IPAddress address, int port) { throw new NotImplementedException(); }

        public IPAddress Address { get { throw new NotImplementedException(); } }

        public int Port { get { throw new NotImplementedException(); } }

        public override SocketAddress Serialize() { throw new NotImplementedException(); }

        public override EndPoint Create(SocketAddress socketAddress) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/IPHostEntry.cs
    public class IPHostEntry
    {
        public string HostName { get { throw new NotImplementedException(); } }

        public IPAddress[] AddressList { get { throw new NotImplementedException(); } }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/DNS.cs
    public static class Dns
    {
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) { throw new NotImplementedException(); }
    }
}

namespace System.Net.Sockets
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/AddressFamily.cs
    public enum AddressFamily
    {
        Unknown = -1,
        Unspecified = 0,
        InterNetwork = 2,
        InterNetworkV6 = 23,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/SocketType.cs
    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Raw = 3,
        Rdm = 4,
        Seqpacket = 5,
        Unknown = -1,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/ProtocolType.cs
    public enum ProtocolType
    {
        IP = 0,
        Tcp = 6,
        Udp = 17,
        Unknown = -1,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/SocketFlags.cs
    [Flags]
    public enum SocketFlags
    {
        None = 0x0000,
        OutOfBand = 0x0001,
        Peek = 0x0002,
        DontRoute = 0x0004,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/SelectMode.cs
    public enum SelectMode
    {
        SelectRead = 0,
        SelectWrite = 1,
        SelectError = 2,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/SocketException.cs
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { throw new NotImplementedException(); }

        public int ErrorCode { get { throw new NotImplementedException(); } }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/SocketErrors.cs (the codes FlaxGuard tells apart)
    public enum SocketError
    {
        SocketError = -1,
        Success = 0,
        TimedOut = 10060,
        ConnectionRefused = 10061,
        HostUnreachable = 10065,
        HostNotFound = 11001,
        NotConnected = 10057,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/Socket.cs
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { throw new NotImplementedException(); }

        public int Available { get { throw new NotImplementedException(); } }

        public int ReceiveTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public int SendTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public SocketType SocketType { get { throw new NotImplementedException(); } }

        public void Bind(EndPoint localEP) { throw new NotImplementedException(); }

        public void Connect(EndPoint remoteEP) { throw new NotImplementedException(); }

        public void Close() { throw new NotImplementedException(); }

        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw new NotImplementedException(); }

        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) { throw new NotImplementedException(); }

        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw new NotImplementedException(); }

        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) { throw new NotImplementedException(); }

        public bool Poll(int microSeconds, SelectMode mode) { throw new NotImplementedException(); }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        void IDisposable.Dispose() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Sockets/NetworkStream.cs
    public class NetworkStream : System.IO.Stream
    {
        public NetworkStream(Socket socket) { throw new NotImplementedException(); }

        public NetworkStream(Socket socket, bool ownsSocket) { throw new NotImplementedException(); }

        public override bool CanRead { get { throw new NotImplementedException(); } }

        public override bool CanSeek { get { throw new NotImplementedException(); } }

        public override bool CanTimeout { get { throw new NotImplementedException(); } }

        public override bool CanWrite { get { throw new NotImplementedException(); } }

        public override long Length { get { throw new NotImplementedException(); } }

        public override long Position { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public override int ReadTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public override int WriteTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public virtual bool DataAvailable { get { throw new NotImplementedException(); } }

        public void Close(int timeout) { throw new NotImplementedException(); }

        protected override void Dispose(bool disposing) { throw new NotImplementedException(); }

        public override void Flush() { throw new NotImplementedException(); }

        public override long Seek(long offset, System.IO.SeekOrigin origin) { throw new NotImplementedException(); }

        public override void SetLength(long value) { throw new NotImplementedException(); }

        public override int Read(SpanByte buffer) { throw new NotImplementedException(); }

        public override int Read(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }

        public override void Write(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
    }
}

namespace System.Net.Security
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Security/NetworkSecurity.cs
    [Flags]
    public enum SslProtocols
    {
        None = 0x00,
        Tls = 0xC0,
        Tls11 = 0x300,
        Tls12 = 0xC00,
        Tls13 = 0x3000,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Security/NetworkSecurity.cs
    public enum SslVerification
    {
        NoVerification = 1,
        VerifyPeer = 2,
        CertificateRequired = 4,
        VerifyClientOnce = 8,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/Security/SslStream.cs
    public class SslStream : Sockets.NetworkStream
    {
        public SslStream(Sockets.Socket socket) : base(socket, false) { throw new NotImplementedException(); }

        public SslVerification SslVerification { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public bool UseStoredDeviceCertificate { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public void AuthenticateAsClient(string targetHost, SslProtocols enabledSslProtocols) { throw new NotImplementedException(); }

        public void AuthenticateAsClient(string targetHost, System.Security.Cryptography.X509Certificates.X509Certificate clientCertificate, SslProtocols enabledSslProtocols) { throw new NotImplementedException(); }

        public void AuthenticateAsClient(string targetHost, System.Security.Cryptography.X509Certificates.X509Certificate clientCertificate, System.Security.Cryptography.X509Certificates.X509Certificate ca, SslProtocols enabledSslProtocols) { throw new NotImplementedException(); }
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/X509Certificates/X509Certificate.cs
    public class X509Certificate
    {
        public X509Certificate() { throw new NotImplementedException(); }

        public X509Certificate(byte[] certificate) { throw new NotImplementedException(); }

        public X509Certificate(string certificate) { throw new NotImplementedException(); }

        public virtual string Issuer { get { throw new NotImplementedException(); } }

        public virtual string Subject { get { throw new NotImplementedException(); } }

        public virtual DateTime GetEffectiveDate() { throw new NotImplementedException(); }

        public virtual DateTime GetExpirationDate() { throw new NotImplementedException(); }

        public virtual byte[] GetRawCertData() { throw new NotImplementedException(); }
    }
}

namespace System.Net.NetworkInformation
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/NetworkInformation/NetworkInterfaceType.cs
    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs
    public class NetworkInterface
    {
        public static bool GetIsNetworkAvailable() { throw new NotImplementedException(); }

        public static NetworkInterface[] GetAllNetworkInterfaces() { throw new NotImplementedException(); }

        public string IPv4Address { get { throw new NotImplementedException(); } }

        public NetworkInterfaceType NetworkInterfaceType { get { throw new NotImplementedException(); } }
    }
}

namespace nanoFramework.Networking
{
    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting,
    }

    // mirrors nanoFramework.System.Net 1.11.60: System.Net/nanoFramework.System.Net/NetworkHelper/NetworkHelper.cs
    public static class NetworkHelper
    {
        public static System.Threading.ManualResetEvent NetworkReady { get { throw new System.NotImplementedException(); } }

        public static NetworkHelperStatus Status { get { throw new System.NotImplementedException(); } }

        public static System.Exception HelperException { get { throw new System.NotImplementedException(); } }

        public static bool SetupAndConnectNetwork(System.Threading.CancellationToken token = default, bool requiresDateTime = false) { throw new System.NotImplementedException(); }

        public static void Reset() { throw new System.NotImplementedException(); }
    }
}
