using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Connects to risky TCP ports and reads a short greeting from each open one. Facts:
    /// <c>net.tcp.PORT=open</c> and <c>net.tcp.PORT.banner=TEXT</c>; closed ports leave no fact, so a port that
    /// opens later shows as drift. Each open port from the risky list also gives an exposure verdict.
    /// </summary>
    public sealed class TcpExposureProbe : IProbe
    {
        private readonly TcpExposureOptions _options;

        public TcpExposureProbe(TcpExposureOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Ports == null) throw new ArgumentException("port list is missing", "options");
            for (int i = 0; i < options.Ports.Length; i++)
            {
                if (options.Ports[i] < 1 || options.Ports[i] > 65535) throw new ArgumentOutOfRangeException("options", "port " + options.Ports[i].ToString() + " is not between 1 and 65535");
            }
            _options = options;
        }

        public string Name { get { return "tcp-exposure"; } }

        public string[] KeyPrefixes { get { return new string[] { "net.tcp." }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Tcp == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform cannot open TCP connections."));
                return;
            }
            int[] ports = Distinct(_options.Ports);
            if (ports.Length == 0) return;
            PortSweep sweep = new PortSweep(context.Tcp, context.Clock, new string[] { context.Host }, ports, _options, 0);
            sweep.Run();
            AddFindings(sweep, 0, context.Host, ports, _options, output, Name);
        }

        /// <summary>Turns one host's sweep results into facts and verdicts; shared with the multi-host sweep.</summary>
        public static void AddFindings(PortSweep sweep, int host, string hostName, int[] ports, TcpExposureOptions options, ProbeOutput output, string probeName)
        {
            if (IsAnsweredByAMiddlebox(sweep, host, ports.Length))
            {
                output.AddVerdict(Verdict.Unverified(probeName, "every one of " + ports.Length.ToString() + " ports accepted a connection and none sent a greeting: " +
                    "something in between (a transparent proxy or a firewall) answers for this address, so the device's own open ports cannot be told."));
                return;
            }
            int answered = 0, silent = 0, notTried = 0, invalid = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                int index = sweep.Index(host, i);
                if (!sweep.Attempted[index]) { notTried++; continue; }
                ConnectOutcome outcome = sweep.Outcomes[index];
                if (outcome == ConnectOutcome.Connected || outcome == ConnectOutcome.Refused) answered++;
                else if (outcome == ConnectOutcome.InvalidAddress) invalid++;
                else silent++;
                if (outcome != ConnectOutcome.Connected) continue;
                string key = "net.tcp." + ports[i].ToString();
                output.AddFact(key, "open", FactKind.Exposure);
                string banner = sweep.Banners[index];
                if (banner != null && banner.Length > 0) output.AddFact(key + ".banner", banner, FactKind.Exposure);
                AddExposureVerdict(output, ports[i], key);
            }

            if (invalid > 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, "\"" + hostName + "\" is not an address that can be connected to."));
            }
            else if (answered == 0 && notTried == 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, "the device did not answer on any of " + ports.Length.ToString() + " ports; it may be off, unreachable, or behind a firewall that drops probes."));
            }
            else if (notTried > 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, notTried.ToString() + " of " + ports.Length.ToString() + " ports were not checked within the time limit."));
            }
            else if (silent > 0)
            {
                output.AddVerdict(new Verdict(VerdictKind.Probe, Severity.Info, "probe.partial", probeName, silent.ToString() + " of " + ports.Length.ToString() + " ports gave no answer (filtered); they are treated as closed."));
            }
        }

        /// <summary>Fewer ports than this prove nothing: a device may well have a handful of quiet services open.</summary>
        public const int MiddleboxMinPorts = 8;

        /// <summary>True when every port accepted and not one greeted: no real router or camera has them all open.</summary>
        private static bool IsAnsweredByAMiddlebox(PortSweep sweep, int host, int portCount)
        {
            if (portCount < MiddleboxMinPorts) return false;
            for (int i = 0; i < portCount; i++)
            {
                int index = sweep.Index(host, i);
                if (!sweep.Attempted[index] || sweep.Outcomes[index] != ConnectOutcome.Connected) return false;
                string banner = sweep.Banners[index];
                if (banner != null && banner.Length > 0) return false;
            }
            return true;
        }

        private static void AddExposureVerdict(ProbeOutput output, int port, string key)
        {
            RiskyPort risky = RiskyPorts.Find(port);
            if (risky != null)
            {
                output.AddVerdict(new Verdict(VerdictKind.Exposure, risky.Severity, "exposure." + risky.Service, key, risky.Reason));
            }
            else
            {
                output.AddVerdict(new Verdict(VerdictKind.Exposure, Severity.Low, "exposure.open-port", key, "TCP port " + port.ToString() + " is open."));
            }
        }

        public static int[] Distinct(int[] ports)
        {
            int[] result = new int[ports.Length];
            int n = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                bool seen = false;
                for (int k = 0; k < n; k++)
                {
                    if (result[k] == ports[i]) { seen = true; break; }
                }
                if (!seen) result[n++] = ports[i];
            }
            int[] trimmed = new int[n];
            Array.Copy(result, 0, trimmed, 0, n);
            return trimmed;
        }
    }
}
