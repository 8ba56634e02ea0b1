using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Exposure
{
    /// <summary>
    /// Checks many hosts for risky open ports in one pass: one shared pool of connections (bounded by
    /// <c>Concurrency</c>), a per-host and a global time bound, and banner capture (telnet prompts, SSH
    /// versions). Each host gets the same facts and verdicts the single-device probe gives.
    /// </summary>
    public static class ExposureSweep
    {
        public const int MaxHosts = 4096;
        public const string ProbeName = "exposure-sweep";

        public static SweepHostResult[] Run(ITcpConnector tcp, IClock clock, string[] hosts, TcpExposureOptions options)
        {
            if (hosts == null) throw new ArgumentNullException("hosts");
            if (options == null || options.Ports == null) throw new ArgumentNullException("options");
            if (hosts.Length > MaxHosts) throw new ArgumentOutOfRangeException("hosts", "at most " + MaxHosts.ToString() + " hosts in one sweep");
            for (int i = 0; i < options.Ports.Length; i++)
            {
                if (options.Ports[i] < 1 || options.Ports[i] > 65535) throw new ArgumentOutOfRangeException("options", "port " + options.Ports[i].ToString() + " is not between 1 and 65535");
            }
            int[] ports = TcpExposureProbe.Distinct(options.Ports);
            PortSweep sweep = new PortSweep(tcp, clock, hosts, ports, options, options.PerHostTimeoutMs);
            sweep.Run();
            SweepHostResult[] results = new SweepHostResult[hosts.Length];
            for (int h = 0; h < hosts.Length; h++)
            {
                ProbeOutput output = new ProbeOutput();
                TcpExposureProbe.AddFindings(sweep, h, hosts[h], ports, options, output, ProbeName);
                results[h] = new SweepHostResult(hosts[h], output.Facts, output.Verdicts());
            }
            return results;
        }
    }
}
