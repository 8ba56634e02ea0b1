using System.Collections;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// The bounded TCP sweep of the network for admin ports, on the Exposure family's <see cref="PortSweep"/> (fixed
    /// worker count, per-attempt and total time bounds). Two passes keep a /24 quick: the first admin port on every
    /// address not yet known (an answer, even a refusal, shows a live host; silent addresses cost one attempt), then
    /// the other ports only on live hosts and on devices the multicast searches found. Connects only, no banners.
    /// </summary>
    public static class AdminPortScan
    {
        public static void Run(ITcpConnector tcp, IClock clock, DeviceInventory inventory, string[] hosts, DiscoveryOptions options, long deadline)
        {
            int[] ports = options.AdminPorts;
            if (ports == null || ports.Length == 0) return;
            ArrayList unknown = new ArrayList();
            ArrayList live = new ArrayList();
            for (int i = 0; i < hosts.Length; i++)
            {
                if (inventory.Find(hosts[i]) != null) live.Add(hosts[i]);
                else unknown.Add(hosts[i]);
            }
            string[] first = ToArray(unknown);
            PortSweep pass1 = Sweep(tcp, clock, inventory, first, new int[] { ports[0] }, options, deadline);
            if (pass1 != null)
            {
                for (int h = 0; h < first.Length; h++)
                {
                    if (!pass1.WasAttempted(h, 0)) continue;
                    if (pass1.ConnectedCount(h) > 0)
                    {
                        DiscoveredDevice device = inventory.Take(first[h]);
                        if (device != null) device.AddPort(ports[0]);
                        live.Add(first[h]);
                    }
                    else if (pass1.RefusedCount(h) > 0)
                    {
                        if (inventory.Take(first[h]) != null) live.Add(first[h]);
                    }
                }
            }
            string[] second = ToArray(live);
            // Known devices still need the first port tried; live ones have it already.
            PortSweep pass2 = Sweep(tcp, clock, inventory, second, ports, options, deadline);
            if (pass2 == null) return;
            for (int h = 0; h < second.Length; h++)
            {
                DiscoveredDevice device = inventory.Find(second[h]);
                if (device == null) continue;
                device.AddSource(DiscoverySource.TcpSweep);
                OpenPort[] open = pass2.OpenPorts(h);
                for (int p = 0; p < open.Length; p++) device.AddPort(open[p].Port);
            }
        }

        private static PortSweep Sweep(ITcpConnector tcp, IClock clock, DeviceInventory inventory, string[] hosts, int[] ports, DiscoveryOptions options, long deadline)
        {
            if (hosts.Length == 0) return null;
            long left = deadline - clock.MonotonicMilliseconds;
            if (left <= 0) return null;
            TcpExposureOptions sweep = new TcpExposureOptions();
            sweep.Ports = ports;
            sweep.ConnectTimeoutMs = options.ConnectTimeoutMs;
            sweep.BannerTimeoutMs = 0;
            sweep.Concurrency = options.SweepConcurrency;
            sweep.TotalTimeoutMs = (int)left;
            PortSweep run = new PortSweep(tcp, clock, hosts, PortSet.Of(ports), sweep, 0);
            run.Run();
            int attempts = 0;
            for (int h = 0; h < hosts.Length; h++) attempts += run.AttemptedCount(h);
            inventory.CountSent(attempts);
            return run;
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] items = new string[list.Count];
            for (int i = 0; i < items.Length; i++) items[i] = (string)list[i];
            return items;
        }
    }
}
