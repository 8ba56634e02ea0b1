using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>A TCP port worth checking, why it matters, and how bad it is to find it open.</summary>
    public sealed class RiskyPort
    {
        public RiskyPort(int port, string service, Severity severity, string reason)
        {
            Port = port;
            Service = service;
            Severity = severity;
            Reason = reason;
        }

        public int Port { get; private set; }

        /// <summary>Short service name used in verdict codes, e.g. "telnet".</summary>
        public string Service { get; private set; }

        public Severity Severity { get; private set; }

        public string Reason { get; private set; }
    }
}
