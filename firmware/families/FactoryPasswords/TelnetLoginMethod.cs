using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// A telnet login as Mirai's scanner does it, on a fresh connection per attempt: every option the server asks
    /// for is declined (RFC 854/855: DO is answered WONT, WILL is answered DONT), the user name goes after the
    /// "login:" prompt and the password after "Password:", then the reply decides: a shell prompt ending in '#',
    /// '$' or '>' is accepted; "incorrect", "invalid", "failed", "denied" or a new login prompt is refused; "locked",
    /// "too many" or "try again later" is a lockout. Reads are bounded in bytes and time.
    /// </summary>
    public sealed class TelnetLoginMethod : ILoginMethod
    {
        private const int MaxBytes = 2048;
        private const byte Iac = 255;

        private readonly ITcpConnector _tcp;
        private readonly IClock _clock;
        private readonly string _host;
        private readonly int _port;
        private readonly int _timeoutMs;

        public TelnetLoginMethod(ITcpConnector tcp, IClock clock, string host, int port, int timeoutMs)
        {
            _tcp = tcp;
            _clock = clock;
            _host = host;
            _port = port;
            _timeoutMs = timeoutMs;
        }

        public string Name { get { return "telnet"; } }

        public int Try(string user, string password)
        {
            ITcpConnection connection;
            ConnectOutcome connected = _tcp.Connect(_host, _port, _timeoutMs, out connection);
            // A closed or filtered telnet port means no telnet login to try; anything else is an unclear answer.
            if (connected == ConnectOutcome.Refused || connected == ConnectOutcome.TimedOut) return FactoryLogin.Unavailable;
            if (connected != ConnectOutcome.Connected) return FactoryLogin.Failed;
            try
            {
                string text = ReadUntil(connection, "login:", null);
                if (text == null) return FactoryLogin.Failed;
                if (Has(text, "locked") || Has(text, "too many")) return FactoryLogin.Lockout;
                if (!Send(connection, user)) return FactoryLogin.Failed;
                text = ReadUntil(connection, "assword:", null);
                if (text == null) return FactoryLogin.Failed;
                if (!Send(connection, password)) return FactoryLogin.Failed;
                // login(1) waits a few seconds before saying "Login incorrect": the whole bound is used for the reply.
                text = ReadUntil(connection, null, "login:");
                if (text == null) return FactoryLogin.Failed;
                if (Has(text, "locked") || Has(text, "too many") || Has(text, "try again later")) return FactoryLogin.Lockout;
                if (Has(text, "incorrect") || Has(text, "invalid") || Has(text, "failed") || Has(text, "denied") || Has(text, "login:")) return FactoryLogin.Refused;
                string trimmed = text.TrimEnd();
                if (trimmed.Length > 0)
                {
                    char last = trimmed[trimmed.Length - 1];
                    if (last == '#' || last == '$' || last == '>') return FactoryLogin.Accepted;
                }
                return FactoryLogin.Failed;
            }
            finally
            {
                connection.Dispose();
            }
        }

        private static bool Has(string text, string part)
        {
            return Ordinal.ToLowerAscii(text).IndexOf(part) >= 0;
        }

        private bool Send(ITcpConnection connection, string line)
        {
            byte[] data = Utf8.GetBytes(line + "\r\n");
            return connection.Write(data, 0, data.Length, _timeoutMs);
        }

        /// <summary>
        /// Text received (telnet commands answered and removed) until it contains <paramref name="until"/>, or, with
        /// <paramref name="until"/> null, until a shell prompt, <paramref name="stopAt"/>, or a pause after some text.
        /// Null when nothing usable came within the bound.
        /// </summary>
        private string ReadUntil(ITcpConnection connection, string until, string stopAt)
        {
            byte[] buffer = new byte[256];
            byte[] text = new byte[MaxBytes];
            int length = 0;
            long deadline = _clock.MonotonicMilliseconds + _timeoutMs;
            while (length < MaxBytes)
            {
                long left = deadline - _clock.MonotonicMilliseconds;
                if (left <= 0) break;
                int n = connection.Read(buffer, 0, buffer.Length, (int)left);
                if (n <= 0) break;
                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == Iac && i + 2 < n && buffer[i + 1] >= 251 && buffer[i + 1] <= 254)
                    {
                        // WILL (251) -> DONT (254), DO (253) -> WONT (252); WONT/DONT need no answer.
                        byte verb = buffer[i + 1];
                        if (verb == 251 || verb == 253)
                        {
                            byte[] answer = new byte[] { Iac, verb == 251 ? (byte)254 : (byte)252, buffer[i + 2] };
                            connection.Write(answer, 0, 3, _timeoutMs);
                        }
                        i += 2;
                        continue;
                    }
                    if (b == Iac) { i++; continue; }
                    if (b == 0 || length >= MaxBytes) continue;
                    text[length++] = b < 0x80 ? b : (byte)'?';
                }
                string seen = System.Text.Encoding.UTF8.GetString(text, 0, length);
                if (until != null && Has(seen, until)) return seen;
                if (until == null)
                {
                    if (stopAt != null && Has(seen, stopAt)) return seen;
                    if (Has(seen, "incorrect") || Has(seen, "locked")) return seen;
                    string trimmed = seen.TrimEnd();
                    if (trimmed.Length > 0)
                    {
                        char last = trimmed[trimmed.Length - 1];
                        if (last == '#' || last == '$') return seen;
                    }
                }
            }
            return length == 0 ? null : System.Text.Encoding.UTF8.GetString(text, 0, length);
        }
    }
}
