using System;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// The ports a sweep tries: either a short explicit list or one contiguous range. A range holds no array, so the
    /// full inventory (1-65535) costs the dongle a few bytes instead of 256 KiB of port numbers.
    /// </summary>
    public sealed class PortSet
    {
        private readonly int[] _list;
        private readonly int _first;
        private readonly int _count;

        private PortSet(int[] list, int first, int count)
        {
            _list = list;
            _first = first;
            _count = count;
        }

        /// <summary>Every TCP port, 1-65535.</summary>
        public static PortSet All()
        {
            return Range(1, 65535);
        }

        public static PortSet Range(int first, int last)
        {
            if (first < 1 || last > 65535 || last < first) throw new ArgumentOutOfRangeException("first", "a port range lies within 1-65535");
            return new PortSet(null, first, last - first + 1);
        }

        /// <summary>The given ports in their order, duplicates dropped.</summary>
        public static PortSet Of(int[] ports)
        {
            if (ports == null) throw new ArgumentNullException("ports");
            for (int i = 0; i < ports.Length; i++)
            {
                if (ports[i] < 1 || ports[i] > 65535) throw new ArgumentOutOfRangeException("ports", "port " + ports[i].ToString() + " is not between 1 and 65535");
            }
            // One bit per port: linear however long the list (the host may pass tens of thousands).
            byte[] seen = new byte[8192];
            int[] distinct = new int[ports.Length];
            int n = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                int p = ports[i];
                if ((seen[p >> 3] & (1 << (p & 7))) != 0) continue;
                seen[p >> 3] = (byte)(seen[p >> 3] | (1 << (p & 7)));
                distinct[n++] = p;
            }
            if (n > 0 && distinct[n - 1] - distinct[0] == n - 1 && IsAscending(distinct, n)) return Range(distinct[0], distinct[n - 1]);
            int[] trimmed = new int[n];
            Array.Copy(distinct, 0, trimmed, 0, n);
            return new PortSet(trimmed, 0, n);
        }

        private static bool IsAscending(int[] ports, int count)
        {
            for (int i = 1; i < count; i++)
            {
                if (ports[i] <= ports[i - 1]) return false;
            }
            return true;
        }

        public int Count { get { return _count; } }

        public bool IsRange { get { return _list == null; } }

        public int At(int index)
        {
            return _list == null ? _first + index : _list[index];
        }

        /// <summary>Where the port sits in the set, or -1.</summary>
        public int IndexOf(int port)
        {
            if (_list == null) return port >= _first && port < _first + _count ? port - _first : -1;
            for (int i = 0; i < _list.Length; i++)
            {
                if (_list[i] == port) return i;
            }
            return -1;
        }
    }
}
