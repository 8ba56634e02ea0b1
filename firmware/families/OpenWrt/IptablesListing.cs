using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Cuts iptables' listing into lines as it streams in and hands each to <see cref="IptablesFacts.ReadLine"/>: memory
    /// is one line buffer whatever the listing's size. A line longer than <see cref="LineBytes"/> is counted and skipped.
    /// </summary>
    public sealed class IptablesListing : IByteSink
    {
        /// <summary>Longer than any rule iptables lists with a few matches and a comment of up to 256 characters.</summary>
        public const int LineBytes = 512;

        private readonly IptablesFacts _facts;
        private readonly byte[] _line;
        private int _length;
        private bool _skipping;

        /// <param name="scratch">A buffer free while the listing streams (the ubus client's idle answer buffer), or null.</param>
        public IptablesListing(IptablesFacts facts, byte[] scratch)
        {
            _facts = facts;
            _line = scratch != null && scratch.Length >= LineBytes ? scratch : new byte[LineBytes];
        }

        /// <summary>Lines longer than <see cref="LineBytes"/>, not read.</summary>
        public int Oversized { get; private set; }

        /// <summary>Starts a new listing (the next table).</summary>
        public void Restart()
        {
            _length = 0;
            _skipping = false;
        }

        public void Write(byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = data[i];
                if (b == '\n')
                {
                    EndLine();
                    continue;
                }
                if (_skipping) continue;
                if (_length == LineBytes)
                {
                    Oversized++;
                    _skipping = true;
                    continue;
                }
                _line[_length++] = b == '\r' ? (byte)' ' : b;
            }
        }

        /// <summary>Reads a last line that had no line break.</summary>
        public void Finish()
        {
            if (_length > 0 || _skipping) EndLine();
        }

        private void EndLine()
        {
            if (!_skipping) _facts.ReadLine(_line, _length);
            _length = 0;
            _skipping = false;
        }
    }
}
