using System;
using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>IP literals are parsed; names go through Dns.GetHostEntry (nanoFramework's only DNS call).</summary>
    public static class AddressResolver
    {
        /// <summary>The first address of <paramref name="host"/>, or null when it cannot be resolved.</summary>
        public static IPAddress Resolve(string host)
        {
            if (host == null || host.Length == 0) return null;
            if (LooksLikeIpLiteral(host))
            {
                try
                {
                    return IPAddress.Parse(host);
                }
                catch (ArgumentException)
                {
                    return null;
                }
                catch (FormatException)
                {
                    return null;
                }
            }
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                return entry == null || entry.AddressList == null || entry.AddressList.Length == 0 ? null : entry.AddressList[0];
            }
            catch (SocketException)
            {
                return null;
            }
        }

        private static bool LooksLikeIpLiteral(string host)
        {
            if (host.IndexOf(':') >= 0) return true;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
            }
            return true;
        }
    }
}
