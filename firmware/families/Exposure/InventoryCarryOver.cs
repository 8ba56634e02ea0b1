using System;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Between two full inventories a round tries the risky ports only. This probe, run after the TCP probe, repeats
    /// the last inventory's facts for the ports that round did not try (with the same exposure verdicts), so a port
    /// only the inventory sees is neither "removed" in the rounds between nor "added" again at the next inventory:
    /// not checked is not gone. It adds nothing the TCP probe covered this round.
    /// </summary>
    public sealed class InventoryCarryOver : IProbe
    {
        private readonly TcpExposureProbe _current;
        private readonly FactSet _remembered;

        /// <param name="remembered">The <c>net.tcp.*</c> facts of the target's last full inventory.</param>
        public InventoryCarryOver(TcpExposureProbe current, FactSet remembered)
        {
            if (current == null) throw new ArgumentNullException("current");
            if (remembered == null) throw new ArgumentNullException("remembered");
            _current = current;
            _remembered = remembered;
        }

        public string Name { get { return "tcp-inventory"; } }

        /// <summary>None: what it repeats is owned by the TCP probe, and it cannot fail.</summary>
        public string[] KeyPrefixes { get { return new string[0]; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            for (int i = 0; i < _remembered.Count; i++)
            {
                Fact fact = _remembered[i];
                if (_current.Covers(fact.Key) || output.Facts.Contains(fact.Key)) continue;
                output.AddFact(fact.Key, fact.Value, fact.Kind);
                int port = PortOf(fact.Key);
                if (port > 0 && fact.Key.Length == 8 + port.ToString().Length) TcpExposureProbe.AddExposureVerdict(output, port, fact.Key);
            }
        }

        /// <summary>Only the facts a later round may repeat: open ports and their greetings.</summary>
        public static FactSet PortFacts(FactSet facts)
        {
            FactSet kept = new FactSet();
            for (int i = 0; i < facts.Count; i++)
            {
                if (PortOf(facts[i].Key) > 0) kept.Add(facts[i]);
            }
            return kept;
        }

        /// <summary>The port of a <c>net.tcp.PORT</c> or <c>net.tcp.PORT.banner</c> key, else 0.</summary>
        public static int PortOf(string key)
        {
            const string Prefix = "net.tcp.";
            if (key == null || !Text.Ordinal.StartsWith(key, Prefix)) return 0;
            int port = 0;
            int i = Prefix.Length;
            while (i < key.Length && key[i] >= '0' && key[i] <= '9' && port <= 65535)
            {
                port = port * 10 + (key[i] - '0');
                i++;
            }
            if (i == Prefix.Length || port < 1 || port > 65535) return 0;
            if (i == key.Length) return port;
            return key.Substring(i) == ".banner" ? port : 0;
        }
    }
}
