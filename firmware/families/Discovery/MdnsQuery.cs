using System;
using FlaxGuard.Engine.Probes.Dns;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// A one-shot multicast DNS query (RFC 6762 section 5.1) for the PTR records of DNS-SD service types
    /// (RFC 6763 section 4): several questions in one message. Sent from an ordinary port, so responders answer
    /// it as a legacy unicast query, directly to us with our id and questions echoed (RFC 6762 section 6.7).
    /// </summary>
    public static class MdnsQuery
    {
        public const string Group = "224.0.0.251";
        public const int PtrType = 12;
        public const int TxtType = 16;

        /// <summary>
        /// Service types routers, cameras, NAS and printers announce (IANA service name registry; printing:
        /// Apple's Bonjour Printing Specification; NAS: SMB/AFP/Time Machine; cameras: RTSP and Axis).
        /// </summary>
        public static readonly string[] ServiceTypes = new string[]
        {
            "_http._tcp.local", "_https._tcp.local", "_device-info._tcp.local", "_ssh._tcp.local",
            "_ipp._tcp.local", "_ipps._tcp.local", "_printer._tcp.local", "_pdl-datastream._tcp.local",
            "_smb._tcp.local", "_afpovertcp._tcp.local", "_adisk._tcp.local", "_nfs._tcp.local",
            "_rtsp._tcp.local", "_axis-video._tcp.local", "_workstation._tcp.local",
        };

        public static byte[] Build(int id, string[] serviceTypes)
        {
            if (id < 0 || id > 0xFFFF) throw new ArgumentOutOfRangeException("id");
            int size = DnsName.HeaderBytes;
            for (int i = 0; i < serviceTypes.Length; i++) size += serviceTypes[i].Length + 2 + 4;
            byte[] message = new byte[size];
            message[0] = (byte)(id >> 8);
            message[1] = (byte)id;
            message[5] = (byte)serviceTypes.Length;
            int p = DnsName.HeaderBytes;
            for (int i = 0; i < serviceTypes.Length; i++)
            {
                p = DnsName.Write(DnsName.Normalize(serviceTypes[i]), message, p);
                message[p++] = 0;
                message[p++] = PtrType;
                message[p++] = 0;
                message[p++] = 1;
            }
            return message;
        }
    }
}
