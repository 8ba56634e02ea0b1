namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Whether to wait for an open port to speak. Services where the server talks first (telnet, SSH, FTP, SMTP,
    /// POP3, IMAP, MySQL, VNC) get the full greeting wait; services where the client talks first (DNS, HTTP, UPnP,
    /// RTSP, proxies, ADB) are closed at once, since waiting for them only ever costs time; any other port gets a
    /// short wait scaled to the round trip, extended when bytes do arrive (a telnet implant on an odd port).
    /// Server-first by protocol: RFC 959 (FTP 220), RFC 4253 s4.2 (SSH version line), RFC 854 (telnet),
    /// RFC 5321 s4.3.1 (SMTP 220), RFC 1939 (POP3 +OK), RFC 3501 s7.1 (IMAP greeting), RFC 6143 s7.1.1 (RFB version),
    /// MySQL's initial handshake packet.
    /// </summary>
    public static class GreetingPolicy
    {
        /// <summary>The client speaks first: no wait.</summary>
        public const int None = 0;

        /// <summary>Not known either way: a short wait scaled to the round trip.</summary>
        public const int Short = 1;

        /// <summary>The server speaks first: the full greeting wait.</summary>
        public const int Full = 2;

        private static readonly int[] ServerFirst = new int[] { 21, 22, 23, 25, 110, 119, 143, 587, 2222, 2323, 3306, 5900, 9527 };

        private static readonly int[] ClientFirst = new int[] { 53, 80, 81, 443, 554, 1080, 1900, 2869, 3128, 5000, 5431, 5555, 7547, 8000, 8008, 8080, 8081, 8088, 8291, 8443, 8888, 34567, 37215, 37777, 49152, 52869 };

        /// <summary>Which wait a port gets.</summary>
        public static int For(int port)
        {
            for (int i = 0; i < ServerFirst.Length; i++)
            {
                if (ServerFirst[i] == port) return Full;
            }
            for (int i = 0; i < ClientFirst.Length; i++)
            {
                if (ClientFirst[i] == port) return None;
            }
            return Short;
        }

        public static string Name(int policy)
        {
            if (policy == Full) return "full";
            if (policy == Short) return "short";
            return "none";
        }
    }
}
