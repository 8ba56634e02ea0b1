using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Turns the first bytes a service sends into a printable one-line banner. Telnet option negotiation
    /// (IAC sequences) is skipped so a telnet login prompt reads as text.
    /// </summary>
    public static class BannerText
    {
        public const int MaxLength = 120;

        private const int Iac = 0xFF;
        private const int Sb = 0xFA;
        private const int Se = 0xF0;

        public static string FromBytes(byte[] data, int count)
        {
            StringBuilder sb = new StringBuilder(count < MaxLength ? count : MaxLength);
            int i = 0;
            while (i < count && sb.Length < MaxLength * 2)
            {
                int b = data[i];
                if (b == Iac)
                {
                    i = SkipTelnetCommand(data, i, count);
                    continue;
                }
                sb.Append(b >= 0x20 && b < 0x7F ? (char)b : ' ');
                i++;
            }
            return FactText.Clean(sb.ToString(), MaxLength);
        }

        /// <summary>How long to wait for more of a greeting once its first bytes have arrived.</summary>
        public const int IdleGapMs = 150;

        /// <summary>
        /// True once the bytes end in something that waits for the client: an SSH version line (the server
        /// says nothing more until the client answers) or a prompt ("login: ", "Password: ", "# ", "> "). Other
        /// greetings (a telnet console's issue text, an FTP line) may come in several pieces, so the caller
        /// keeps reading until a short pause instead.
        /// </summary>
        public static bool LooksComplete(byte[] data, int count)
        {
            int first = -1;
            int lastPrintable = -1;
            bool lineAfterText = false;
            for (int i = 0; i < count; i++)
            {
                int b = data[i];
                if (b == Iac)
                {
                    i = SkipTelnetCommand(data, i, count) - 1;
                    continue;
                }
                if (b > 0x20 && b < 0x7F)
                {
                    if (first < 0) first = i;
                    lastPrintable = i;
                }
                else if (b == '\n' && first >= 0)
                {
                    lineAfterText = true;
                }
            }
            if (first < 0) return false;
            if (lineAfterText && first + 4 <= count && data[first] == 'S' && data[first + 1] == 'S' && data[first + 2] == 'H' && data[first + 3] == '-') return true;
            if (lastPrintable != count - 2 || data[count - 1] != ' ') return false;
            int p = data[lastPrintable];
            return p == ':' || p == '>' || p == '#' || p == '$';
        }

        private static int SkipTelnetCommand(byte[] data, int i, int count)
        {
            if (i + 1 >= count) return count;
            int cmd = data[i + 1];
            if (cmd == Sb)
            {
                // Subnegotiation runs to IAC SE.
                for (int k = i + 2; k + 1 < count; k++)
                {
                    if (data[k] == Iac && data[k + 1] == Se) return k + 2;
                }
                return count;
            }
            if (cmd >= 0xFB && cmd <= 0xFE) return i + 3; // WILL, WONT, DO, DONT carry an option byte
            return i + 2;
        }
    }
}
