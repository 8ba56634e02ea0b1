using System.Collections;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// The devices one discovery round found, keyed by address, at most <see cref="MaxDevices"/>, plus counts of
    /// what was turned away: answers from outside the network, malformed or oversized answers, answers that
    /// did not belong to our question (spoofed or stray), and devices beyond the cap. Safe for the parallel workers.
    /// </summary>
    public sealed class DeviceInventory
    {
        private readonly Hashtable _byAddress = new Hashtable();
        private readonly ArrayList _order = new ArrayList();
        private readonly Ipv4Network _network;
        private readonly int _maxDevices;
        private readonly string _self;

        /// <param name="self">The discovering appliance's own address: never an inventory entry.</param>
        public DeviceInventory(Ipv4Network network, int maxDevices, string self)
        {
            _network = network;
            _maxDevices = maxDevices;
            _self = self;
        }

        public int MaxDevices { get { return _maxDevices; } }

        public int OutsideAnswers { get; private set; }
        public int MalformedAnswers { get; private set; }
        public int StrayAnswers { get; private set; }
        public int DevicesOverCap { get; private set; }

        /// <summary>Datagrams received over all searches.</summary>
        public int Datagrams { get; private set; }

        /// <summary>Datagrams and TCP connection attempts sent.</summary>
        public int PacketsSent { get; private set; }

        public int Count { get { lock (_order) return _order.Count; } }

        public Ipv4Network Network { get { return _network; } }

        /// <summary>The device at this address, created on first sight; null when the address is outside the network, ours, or the inventory is full.</summary>
        public DiscoveredDevice Take(string address)
        {
            if (!_network.Contains(address))
            {
                lock (_order) OutsideAnswers++;
                return null;
            }
            if (address == _self) return null;
            lock (_order)
            {
                DiscoveredDevice device = (DiscoveredDevice)_byAddress[address];
                if (device != null) return device;
                if (_order.Count >= _maxDevices)
                {
                    DevicesOverCap++;
                    return null;
                }
                device = new DiscoveredDevice(address);
                _byAddress[address] = device;
                _order.Add(device);
                return device;
            }
        }

        /// <summary>The device at this address if it is already known, else null.</summary>
        public DiscoveredDevice Find(string address)
        {
            lock (_order) return (DiscoveredDevice)_byAddress[address];
        }

        public void CountDatagram() { lock (_order) Datagrams++; }
        public void CountOutside() { lock (_order) OutsideAnswers++; }
        public void CountMalformed() { lock (_order) MalformedAnswers++; }
        public void CountStray() { lock (_order) StrayAnswers++; }
        public void CountSent(int packets) { lock (_order) PacketsSent += packets; }

        /// <summary>The devices sorted by address (numerically).</summary>
        public DiscoveredDevice[] Devices()
        {
            DiscoveredDevice[] devices;
            lock (_order)
            {
                devices = new DiscoveredDevice[_order.Count];
                for (int i = 0; i < devices.Length; i++) devices[i] = (DiscoveredDevice)_order[i];
            }
            uint[] keys = new uint[devices.Length];
            for (int i = 0; i < devices.Length; i++) Ipv4Network.TryParseAddress(devices[i].Address, out keys[i]);
            for (int i = 1; i < devices.Length; i++)
            {
                DiscoveredDevice d = devices[i];
                uint k = keys[i];
                int j = i - 1;
                while (j >= 0 && keys[j] > k) { devices[j + 1] = devices[j]; keys[j + 1] = keys[j]; j--; }
                devices[j + 1] = d;
                keys[j + 1] = k;
            }
            return devices;
        }
    }
}
