using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// Sends the <see cref="MdnsQuery"/> and takes each answer apart with the DNS family's bounded name reader:
    /// the answer must carry our id and be a response; at most <see cref="MaxRecords"/> records, every length
    /// checked, nothing left over. PTR records for the service types asked name the device's services and its
    /// instance name; TXT records give the few keys that identify a product. Everything is credited to the
    /// sender's address (inside the network only), never to addresses the records claim.
    /// </summary>
    public sealed class MdnsDiscovery : IDatagramReceiver
    {
        public const int MaxRecords = 128;
        public const int MaxQuestions = 32;

        /// <summary>TXT keys that name a product (RFC 6763 section 6; Bonjour Printing "ty", "usb_MFG", "usb_MDL", "product"; device-info "model").</summary>
        private static readonly string[] TxtKeys = new string[] { "ty", "usb_mfg", "usb_mdl", "product", "model", "md", "manufacturer", "vendor" };

        private readonly DeviceInventory _inventory;
        private readonly int _maxBytes;
        private readonly int _id;

        public MdnsDiscovery(DeviceInventory inventory, int maxBytes, int id)
        {
            _inventory = inventory;
            _maxBytes = maxBytes;
            _id = id;
        }

        public void Run(IUdpCollector udp, DiscoveryOptions options)
        {
            byte[] query = MdnsQuery.Build(_id, MdnsQuery.ServiceTypes);
            byte[] buffer = new byte[_maxBytes + 1];
            ConnectOutcome outcome;
            _inventory.CountSent(1);
            udp.Collect(MdnsQuery.Group, options.MdnsPort, query, 0, query.Length, buffer, options.MaxAnswersPerSearch, options.SearchWaitMs, this, out outcome);
        }

        public bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count)
        {
            _inventory.CountDatagram();
            if (!_inventory.Network.Contains(senderAddress))
            {
                _inventory.CountOutside();
                return true;
            }
            if (count > _maxBytes || count < DnsName.HeaderBytes || offset != 0)
            {
                _inventory.CountMalformed();
                return true;
            }
            int id = (data[0] << 8) | data[1];
            if (id != _id || (data[2] & 0x80) == 0 || ((data[2] >> 3) & 0xF) != 0)
            {
                _inventory.CountStray();
                return true;
            }
            int useful;
            try
            {
                // Walked twice: checked whole first, so a message that turns out malformed leaves nothing behind.
                useful = Walk(data, count, null);
            }
            catch (FormatException)
            {
                _inventory.CountMalformed();
                return true;
            }
            if (useful == 0) return true;
            DiscoveredDevice device = _inventory.Take(senderAddress);
            if (device != null) Walk(data, count, device);
            return true;
        }

        /// <summary>
        /// Walks every question and record with checked lengths; with a device, takes PTR and TXT records into it.
        /// Returns how many records would identify a device (PTRs for the types asked, TXTs).
        /// </summary>
        private static int Walk(byte[] data, int count, DiscoveredDevice device)
        {
            int questions = Word(data, 4);
            int records = Word(data, 6) + Word(data, 8) + Word(data, 10);
            if (questions > MaxQuestions || records > MaxRecords) throw new FormatException("too many records");
            int useful = 0;
            int p = DnsName.HeaderBytes;
            for (int q = 0; q < questions; q++)
            {
                DnsName.Read(data, count, ref p);
                if (count - p < 4) throw new FormatException("question cut off");
                p += 4;
            }
            for (int r = 0; r < records; r++)
            {
                string owner = DnsName.Read(data, count, ref p);
                if (count - p < 10) throw new FormatException("record header cut off");
                int type = Word(data, p);
                int rclass = Word(data, p + 2) & 0x7FFF; // the top bit is mDNS's cache-flush flag
                int length = Word(data, p + 8);
                p += 10;
                if (length > count - p) throw new FormatException("record data runs past the end");
                int end = p + length;
                if (rclass == 1 && type == MdnsQuery.PtrType)
                {
                    TakePointer(device, owner, data, p, end);
                    if (IsAskedType(owner)) useful++;
                }
                else if (rclass == 1 && type == MdnsQuery.TxtType)
                {
                    TakeText(device, data, p, end);
                    useful++;
                }
                p = end;
            }
            if (p != count) throw new FormatException("bytes after the last record");
            return useful;
        }

        private static void TakePointer(DiscoveredDevice device, string owner, byte[] data, int start, int end)
        {
            int q = start;
            string instance = DnsName.Read(data, end, ref q);
            if (q != end) throw new FormatException("a PTR record's name does not fill its data");
            if (device == null || !IsAskedType(owner)) return;
            device.AddService(owner.Substring(0, owner.Length - ".local".Length));
            int dot = FirstLabelEnd(instance);
            if (dot > 0) device.SetMdnsName(Unescape(instance.Substring(0, dot)));
        }

        /// <summary>TXT strings (RFC 6763 section 6.1): length-prefixed "key=value"; only the identifying keys are kept.</summary>
        private static void TakeText(DiscoveredDevice device, byte[] data, int p, int end)
        {
            int strings = 0;
            while (p < end)
            {
                int length = data[p++];
                if (length > end - p) throw new FormatException("a TXT string runs past its record");
                if (++strings > 64) throw new FormatException("too many TXT strings");
                int eq = -1;
                for (int i = p; i < p + length; i++)
                {
                    if (data[i] == (byte)'=') { eq = i; break; }
                }
                if (device != null && eq > p && eq - p <= 16)
                {
                    string key = Utf8.TryDecode(data, p, eq - p);
                    if (key != null)
                    {
                        key = Ordinal.ToLowerAscii(key);
                        if (IsTxtKey(key))
                        {
                            string value = Utf8.TryDecode(data, eq + 1, p + length - eq - 1);
                            if (value != null) device.AddTxt(key, value);
                        }
                    }
                }
                p += length;
            }
        }

        private static bool IsTxtKey(string key)
        {
            for (int i = 0; i < TxtKeys.Length; i++) if (TxtKeys[i] == key) return true;
            return false;
        }

        private static bool IsAskedType(string name)
        {
            for (int i = 0; i < MdnsQuery.ServiceTypes.Length; i++) if (MdnsQuery.ServiceTypes[i] == name) return true;
            return false;
        }

        /// <summary>The end of the first label; DnsName.Read escapes a dot inside a label as \046, so the first '.' ends it.</summary>
        private static int FirstLabelEnd(string name)
        {
            return name.IndexOf('.');
        }

        /// <summary>Turns DnsName's \DDD escapes back into characters (only printable ASCII; the rest stays out).</summary>
        private static string Unescape(string label)
        {
            char[] chars = new char[label.Length];
            int n = 0;
            for (int i = 0; i < label.Length; i++)
            {
                char c = label[i];
                if (c == '\\' && i + 3 < label.Length)
                {
                    int value = (label[i + 1] - '0') * 100 + (label[i + 2] - '0') * 10 + (label[i + 3] - '0');
                    i += 3;
                    if (value >= 0x20 && value < 0x7F) chars[n++] = (char)value;
                    continue;
                }
                chars[n++] = c;
            }
            return new string(chars, 0, n);
        }

        private static int Word(byte[] data, int p)
        {
            return (data[p] << 8) | data[p + 1];
        }
    }
}
