using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>How the SNMP probe reaches the agent, who it claims to be, and how long and how far it may go.</summary>
    public sealed class SnmpOptions
    {
        public SnmpOptions()
        {
            Port = 161;
            Version = SnmpVersion.V2c;
            Community = "public";
            RequestTimeoutMs = 1500;
            Retries = 1;
            TotalTimeoutMs = 20000;
            WalkTimeoutMs = 8000;
            MaxWalkRows = 512;
            MaxRepetitions = 10;
            BufferBytes = 4096;
        }

        public int Port { get; set; }

        public SnmpVersion Version { get; set; }

        /// <summary>SNMPv2c community. A secret: it never appears in facts or messages.</summary>
        public string Community { get; set; }

        /// <summary>SNMPv3 user name (USM), 1 to 32 bytes.</summary>
        public string User { get; set; }

        /// <summary>SNMPv3 authentication password (SHA). A secret.</summary>
        public string AuthPassword { get; set; }

        /// <summary>SNMPv3 privacy password (AES-128). A secret.</summary>
        public string PrivPassword { get; set; }

        /// <summary>How long to wait for each answer.</summary>
        public int RequestTimeoutMs { get; set; }

        /// <summary>How often to resend an unanswered request (0 to 5).</summary>
        public int Retries { get; set; }

        /// <summary>Bound on the whole probe run.</summary>
        public int TotalTimeoutMs { get; set; }

        /// <summary>Bound on each table walk.</summary>
        public int WalkTimeoutMs { get; set; }

        /// <summary>Most rows read from one table; a longer table is reported as not fully checked.</summary>
        public int MaxWalkRows { get; set; }

        /// <summary>Rows asked for per GETBULK; 0 walks with GETNEXT.</summary>
        public int MaxRepetitions { get; set; }

        /// <summary>Size of the send and receive buffers; larger answers are refused.</summary>
        public int BufferBytes { get; set; }

        /// <summary>Source of request ids and the AES salt; when null they are derived from the clock.</summary>
        public IRandomSource Random { get; set; }
    }
}
