using System;
using System.Collections;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Turns one job target into the host to check and the probes to run: its family's probes from the family table
    /// (<see cref="ProbeProfiles"/>), and the TCP exposure probe (the target's port list, or the default risky ports).
    /// </summary>
    public sealed class TargetPlan
    {
        public const int MaxPorts = 128;

        private TargetPlan(string host, IProbe[] probes, string problem)
        {
            Host = host;
            Probes = probes;
            Problem = problem;
        }

        /// <summary>IP literal or host name to check (IPv6 without brackets); null when the address is unusable.</summary>
        public string Host { get; private set; }

        public IProbe[] Probes { get; private set; }

        /// <summary>Why the target cannot be checked as given, or null.</summary>
        public string Problem { get; private set; }

        public static TargetPlan For(JobTarget target)
        {
            if (target == null) throw new ArgumentNullException("target");
            string problem;
            ProfileAddress address = ProfileAddress.TryParse(target.Address, out problem);
            if (address == null) return Unusable("the address cannot be used: " + problem);
            string profile = target.Profile == null || target.Profile.Length == 0 ? ProbeProfiles.Web : target.Profile;
            if (!ProbeProfiles.IsKnown(profile)) return Unusable("the profile '" + Text.FactText.Clean(profile, 32) + "' is not known to this appliance; update its firmware");

            int[] ports = ParsePortList(target.Ports, out problem);
            if (ports == null) return Unusable(problem);
            if (address.Port != 0 && !Contains(ports, address.Port) && ports.Length < MaxPorts) ports = Append(ports, address.Port);

            IProbe[] probes = ProbeProfiles.Create(profile, address, target.User, target.Password, ports, target.Settings, out problem);
            if (probes == null) return Unusable(problem);
            return new TargetPlan(address.Host, probes, null);
        }

        /// <summary>
        /// "" or "default": the default risky ports; otherwise comma-separated ports and ranges, "default" allowed
        /// as one item (e.g. "default,8000-8010"). Null and a reason when malformed or longer than <see cref="MaxPorts"/>.
        /// </summary>
        public static int[] ParsePortList(string text, out string problem)
        {
            problem = null;
            if (text == null || text.Trim().Length == 0) return RiskyPorts.DefaultPortNumbers();
            ArrayList ports = new ArrayList();
            string[] items = text.Split(',');
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i].Trim();
                if (item.Length == 0) continue;
                if (Text.Ordinal.EqualsIgnoreAsciiCase(item, "default"))
                {
                    int[] defaults = RiskyPorts.DefaultPortNumbers();
                    for (int d = 0; d < defaults.Length; d++) AddUnique(ports, defaults[d]);
                    continue;
                }
                int dash = item.IndexOf('-');
                int first = ParsePort(dash < 0 ? item : item.Substring(0, dash));
                int last = dash < 0 ? first : ParsePort(item.Substring(dash + 1));
                if (first < 0 || last < 0 || last < first)
                {
                    problem = "the port list item '" + Text.FactText.Clean(item, 32) + "' is not a port (1-65535) or a range like 8000-8010";
                    return null;
                }
                if (last - first >= MaxPorts)
                {
                    problem = "the port list has more than " + MaxPorts.ToString() + " ports";
                    return null;
                }
                for (int p = first; p <= last; p++) AddUnique(ports, p);
                if (ports.Count > MaxPorts)
                {
                    problem = "the port list has more than " + MaxPorts.ToString() + " ports";
                    return null;
                }
            }
            if (ports.Count == 0) return RiskyPorts.DefaultPortNumbers();
            int[] result = new int[ports.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (int)ports[i];
            return result;
        }

        private static TargetPlan Unusable(string problem)
        {
            return new TargetPlan(null, new IProbe[0], problem);
        }

        private static int ParsePort(string text)
        {
            text = text.Trim();
            if (text.Length == 0 || text.Length > 5) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value >= 1 && value <= 65535 ? value : -1;
        }

        private static void AddUnique(ArrayList ports, int port)
        {
            for (int i = 0; i < ports.Count; i++)
            {
                if ((int)ports[i] == port) return;
            }
            ports.Add(port);
        }

        private static bool Contains(int[] ports, int port)
        {
            for (int i = 0; i < ports.Length; i++)
            {
                if (ports[i] == port) return true;
            }
            return false;
        }

        private static int[] Append(int[] ports, int port)
        {
            int[] result = new int[ports.Length + 1];
            Array.Copy(ports, result, ports.Length);
            result[ports.Length] = port;
            return result;
        }
    }
}
