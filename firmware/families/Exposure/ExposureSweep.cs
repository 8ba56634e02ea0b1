using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Exposure
{
    /// <summary>
    /// Checks many hosts for open ports in one pass: one shared pool of sockets (bounded by <c>Concurrency</c>),
    /// a per-host and a global time bound, and greetings read where the service speaks first (telnet prompts, SSH
    /// versions). Each host gets the same facts and verdicts the single-device probe gives; the full inventory
    /// (<c>AllPorts</c>) runs through the same path.
    /// </summary>
    public static class ExposureSweep
    {
        public const int MaxHosts = 4096;
        public const string ProbeName = "exposure-sweep";

        public static SweepHostResult[] Run(ITcpConnector tcp, IClock clock, string[] hosts, TcpExposureOptions options)
        {
            if (hosts == null) throw new ArgumentNullException("hosts");
            if (options == null || (options.Ports == null && !options.AllPorts)) throw new ArgumentNullException("options");
            if (hosts.Length > MaxHosts) throw new ArgumentOutOfRangeException("hosts", "at most " + MaxHosts.ToString() + " hosts in one sweep");
            PortSweep sweep = new PortSweep(tcp, clock, hosts, options.PortsToTry(), options, options.PerHostTimeoutMs);
            sweep.Run();
            SweepHostResult[] results = new SweepHostResult[hosts.Length];
            for (int h = 0; h < hosts.Length; h++)
            {
                ProbeOutput output = new ProbeOutput();
                TcpExposureProbe.AddFindings(sweep, h, hosts[h], output, ProbeName);
                results[h] = new SweepHostResult(hosts[h], output.Facts, output.Verdicts(), sweep.OpenPorts(h));
            }
            return results;
        }
    }
}
