using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Connects to TCP ports (the risky list, or every port for the full inventory) and reads a short greeting from
    /// the open ones that speak first. Facts: <c>net.tcp.PORT=open</c> and <c>net.tcp.PORT.banner=TEXT</c>; closed
    /// ports leave no fact, so a port that opens later shows as drift. Each open port also gives an exposure verdict
    /// (the risky list's reason, or "open" at low). Ports this run did not try are not covered, so a baseline fact
    /// about them is "not checked", never "removed" (an inventory port seen in a round of risky ports only).
    /// </summary>
    public sealed class TcpExposureProbe : IProbe, IProbeCoverage
    {
        private const string Prefix = "net.tcp.";
        private readonly TcpExposureOptions _options;
        private PortSweep _sweep;

        public TcpExposureProbe(TcpExposureOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (!options.AllPorts)
            {
                if (options.Ports == null) throw new ArgumentException("port list is missing", "options");
                for (int i = 0; i < options.Ports.Length; i++)
                {
                    if (options.Ports[i] < 1 || options.Ports[i] > 65535) throw new ArgumentOutOfRangeException("options", "port " + options.Ports[i].ToString() + " is not between 1 and 65535");
                }
            }
            _options = options;
        }

        public string Name { get { return "tcp-exposure"; } }

        public string[] KeyPrefixes { get { return new string[] { Prefix }; } }

        public TcpExposureOptions Options { get { return _options; } }

        /// <summary>True when this probe tries every port.</summary>
        public bool IsInventory { get { return _options.AllPorts; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Tcp == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform cannot open TCP connections."));
                return;
            }
            PortSet ports = _options.PortsToTry();
            if (ports.Count == 0) return;
            PortSweep sweep = new PortSweep(context.Tcp, context.Clock, new string[] { context.Host }, ports, _options, 0);
            sweep.Run();
            _sweep = sweep;
            AddFindings(sweep, 0, context.Host, output, Name);
        }

        /// <summary>False for a <c>net.tcp.PORT</c> key whose port this run did not try; true for any other key.</summary>
        public bool Covers(string key)
        {
            if (key == null || !Text.Ordinal.StartsWith(key, Prefix)) return false;
            PortSweep sweep = _sweep;
            if (sweep == null) return true;
            int port = InventoryCarryOver.PortOf(key);
            if (port == 0) return true;
            int index = sweep.Ports.IndexOf(port);
            return index >= 0 && sweep.WasAttempted(0, index);
        }

        /// <summary>Turns one host's sweep results into facts and verdicts; shared with the multi-host sweep.</summary>
        public static void AddFindings(PortSweep sweep, int host, string hostName, ProbeOutput output, string probeName)
        {
            int portCount = sweep.Ports.Count;
            OpenPort[] open = sweep.OpenPorts(host);
            if (IsAnsweredByAMiddlebox(sweep, host, open, portCount))
            {
                output.AddVerdict(Verdict.Unverified(probeName, "every one of " + portCount.ToString() + " ports accepted a connection and none sent a greeting: " +
                    "something in between (a transparent proxy or a firewall) answers for this address, so the device's own open ports cannot be told."));
                return;
            }
            for (int i = 0; i < open.Length; i++)
            {
                string key = Prefix + open[i].Port.ToString();
                output.AddFact(key, "open", FactKind.Exposure);
                string banner = open[i].Banner;
                if (banner != null && banner.Length > 0) output.AddFact(key + ".banner", banner, FactKind.Exposure);
                AddExposureVerdict(output, open[i].Port, key);
            }

            int answered = sweep.ConnectedCount(host) + sweep.RefusedCount(host);
            int notTried = portCount - sweep.AttemptedCount(host);
            int silent = sweep.SilentCount(host);
            if (sweep.InvalidCount(host) > 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, "\"" + hostName + "\" is not an address that can be connected to."));
            }
            else if (answered == 0 && notTried == 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, "the device did not answer on any of " + portCount.ToString() + " ports; it may be off, unreachable, or behind a firewall that drops probes."));
            }
            else if (notTried > 0)
            {
                output.AddVerdict(Verdict.Unverified(probeName, notTried.ToString() + " of " + portCount.ToString() + " ports were not checked within the time limit."));
            }
            else if (silent > 0)
            {
                output.AddVerdict(new Verdict(VerdictKind.Probe, Severity.Info, "probe.partial", probeName, silent.ToString() + " of " + portCount.ToString() + " ports gave no answer (filtered); they are treated as closed."));
            }
        }

        /// <summary>Fewer ports than this prove nothing: a device may well have a handful of quiet services open.</summary>
        public const int MiddleboxMinPorts = 8;

        /// <summary>True when every port accepted and not one greeted: no real router or camera has them all open.</summary>
        private static bool IsAnsweredByAMiddlebox(PortSweep sweep, int host, OpenPort[] open, int portCount)
        {
            if (portCount < MiddleboxMinPorts || open.Length != portCount) return false;
            for (int i = 0; i < open.Length; i++)
            {
                string banner = open[i].Banner;
                if (banner != null && banner.Length > 0) return false;
            }
            return true;
        }

        /// <summary>The risky list's verdict for an open port, or "open" at low for any other port.</summary>
        internal static void AddExposureVerdict(ProbeOutput output, int port, string key)
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
