using System;
using System.Collections;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// Canonical body of a LAN inventory report (envelope version 2), length-prefixed big-endian like the check report:
    /// <code>
    /// string network | u32 elapsedMs | u32 turnedAway | u32 deviceCount
    /// per device: string address, mac, vendor, model, name, kind, profile, confidence, reason,
    ///             u8 sources, u8 portCount, u16 port * portCount
    /// </code>
    /// The writer cleans and caps every text; the reader refuses what a genuine appliance never writes (a text
    /// with control characters or over its cap, an address outside the network or twice, an unknown confidence),
    /// so a signed but garbage report is refused whole rather than half stored.
    /// </summary>
    public static class LanInventoryCodec
    {
        // Address, 8 empty strings, sources, port count: the smallest device on the wire.
        private const int MinDeviceBytes = 4 + 7 + 8 * 4 + 2;

        public static void WriteBody(ByteWriter writer, LanInventory inventory)
        {
            writer.WriteString(inventory.Network);
            writer.WriteUInt32((uint)inventory.ElapsedMs);
            writer.WriteUInt32((uint)inventory.TurnedAway);
            LanDevice[] devices = inventory.Devices;
            writer.WriteUInt32((uint)devices.Length);
            for (int i = 0; i < devices.Length; i++)
            {
                LanDevice d = devices[i];
                writer.WriteString(d.Address);
                writer.WriteString(IsMac(d.Mac) ? d.Mac : "");
                writer.WriteString(FactText.Clean(d.Vendor, LanInventoryLimits.MaxText));
                writer.WriteString(FactText.Clean(d.Model, LanInventoryLimits.MaxText));
                writer.WriteString(FactText.Clean(d.Name, LanInventoryLimits.MaxText));
                writer.WriteString(FactText.Clean(d.Kind, 16));
                writer.WriteString(FactText.Clean(d.Profile, 32));
                writer.WriteString(FactText.Clean(d.Confidence, 8));
                writer.WriteString(FactText.Clean(d.Reason, LanInventoryLimits.MaxReason));
                writer.WriteByte((byte)(d.Sources & 0xFF));
                int[] ports = d.Ports == null ? new int[0] : d.Ports;
                int count = ports.Length > LanInventoryLimits.MaxPorts ? LanInventoryLimits.MaxPorts : ports.Length;
                writer.WriteByte((byte)count);
                for (int p = 0; p < count; p++) writer.WriteUInt16(ports[p]);
            }
        }

        public static LanInventory ReadBody(ByteReader reader)
        {
            string networkText = reader.ReadString(32, "network");
            string problem;
            Ipv4Network network = Ipv4Network.Parse(networkText, out problem);
            if (network == null) throw new FormatException("inventory network " + FactText.Clean(networkText, 32) + " " + problem);
            uint elapsed = reader.ReadUInt32();
            uint turnedAway = reader.ReadUInt32();
            uint count = reader.ReadUInt32();
            if (count > LanInventoryLimits.MaxDevices) throw new FormatException("inventory names " + count.ToString() + " devices, more than the limit of " + LanInventoryLimits.MaxDevices.ToString());
            if (count * MinDeviceBytes > (uint)reader.Remaining) throw new FormatException("device count is larger than the data");
            LanDevice[] devices = new LanDevice[count];
            Hashtable seen = new Hashtable();
            for (int i = 0; i < devices.Length; i++)
            {
                string address = reader.ReadString(15, "device address");
                if (!network.Contains(address)) throw new FormatException("device address " + FactText.Clean(address, 15) + " is not in " + network.ToString());
                if (seen.Contains(address)) throw new FormatException("device " + address + " is listed twice");
                seen.Add(address, address);
                LanDevice d = new LanDevice(address);
                d.Mac = reader.ReadString(17, "MAC");
                if (d.Mac.Length > 0 && !IsMac(d.Mac)) throw new FormatException("MAC of " + address + " is not aa:bb:cc:dd:ee:ff");
                d.Vendor = Text(reader, LanInventoryLimits.MaxText, "vendor");
                d.Model = Text(reader, LanInventoryLimits.MaxText, "model");
                d.Name = Text(reader, LanInventoryLimits.MaxText, "name");
                d.Kind = Text(reader, 16, "kind");
                d.Profile = Text(reader, 32, "profile");
                d.Confidence = Text(reader, 8, "confidence");
                if (d.Confidence.Length > 0 && d.Confidence != Confidence.High && d.Confidence != Confidence.Medium && d.Confidence != Confidence.Low) throw new FormatException("confidence of " + address + " is unknown");
                d.Reason = Text(reader, LanInventoryLimits.MaxReason, "reason");
                d.Sources = reader.ReadByte() & 0x0F;
                int ports = reader.ReadByte();
                if (ports > LanInventoryLimits.MaxPorts) throw new FormatException("device " + address + " lists more than " + LanInventoryLimits.MaxPorts.ToString() + " ports");
                int[] list = new int[ports];
                for (int p = 0; p < ports; p++)
                {
                    list[p] = reader.ReadUInt16();
                    if (list[p] == 0) throw new FormatException("port 0 listed for " + address);
                }
                d.Ports = list;
                devices[i] = d;
            }
            if (reader.Remaining != 0) throw new FormatException("inventory body has " + reader.Remaining.ToString() + " bytes after its end");
            return new LanInventory(network.ToString(), devices, elapsed > int.MaxValue ? int.MaxValue : (int)elapsed, turnedAway > int.MaxValue ? int.MaxValue : (int)turnedAway);
        }

        /// <summary>A text the writer cleaned: refused when it is over its cap or not clean (a genuine appliance never sends that).</summary>
        private static string Text(ByteReader reader, int maxChars, string what)
        {
            string text = reader.ReadString(maxChars * 4, what);
            if (text.Length > maxChars || FactText.Clean(text, maxChars) != text) throw new FormatException(what + " is not clean text of at most " + maxChars.ToString() + " characters");
            return text;
        }

        /// <summary>Lower-case "aa:bb:cc:dd:ee:ff".</summary>
        public static bool IsMac(string mac)
        {
            if (mac == null || mac.Length != 17) return false;
            for (int i = 0; i < 17; i++)
            {
                char c = mac[i];
                if (i % 3 == 2)
                {
                    if (c != ':') return false;
                }
                else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }
    }
}
