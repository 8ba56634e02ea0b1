using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Hashes exactly the kernel image or squashfs bytes of a partition as the download streams past: the first
    /// <see cref="FlashExtent.HeaderBytes"/> bytes are kept to learn the extent, then every chunk the transport hands
    /// over goes straight into SHA-256 up to the extent's end. Once the extent is hashed the sink is satisfied and the
    /// transport stops reading: the padding and the overlay (jffs2/ubifs) behind the squashfs are never downloaded.
    /// Memory is the header and the hash state, whatever the partition size.
    /// </summary>
    public sealed class ExtentHashSink : ISatisfiableSink
    {
        private readonly bool _kernel;
        private readonly long _partitionSize;
        private readonly byte[] _header = new byte[FlashExtent.HeaderBytes];
        private readonly Sha256 _sha = new Sha256();
        private int _headerCount;
        private long _extent = -1;
        private long _hashed;
        private long _received;
        private string _problem;
        private string _format;
        private byte[] _digest;

        /// <param name="kernel">true for a kernel partition (uImage/FIT), false for a rootfs partition (squashfs).</param>
        public ExtentHashSink(bool kernel, long partitionSize)
        {
            _kernel = kernel;
            _partitionSize = partitionSize;
        }

        /// <summary>Body bytes received.</summary>
        public long Received { get { return _received; } }

        /// <summary>The kernel or filesystem length from its header; -1 until known or when the header is unusable.</summary>
        public long Extent { get { return _extent; } }

        /// <summary>"uimage", "fit" or "squashfs" once the header is read.</summary>
        public string Format { get { return _format; } }

        /// <summary>Why the header is unusable, or null.</summary>
        public string Problem { get { return _problem; } }

        /// <summary>True once every byte of the extent was hashed.</summary>
        public bool Complete { get { return _digest != null; } }

        /// <summary>Nothing more is needed: the extent is hashed, or the header is unusable.</summary>
        public bool Satisfied { get { return _digest != null || _problem != null; } }

        /// <summary>The SHA-256 of the extent (lower-case hex), or null while incomplete.</summary>
        public string Sha256Hex { get { return _digest == null ? null : Hex.Encode(_digest); } }

        public void Write(byte[] data, int offset, int count)
        {
            _received += count;
            if (_problem != null || _digest != null) return;
            if (_extent < 0)
            {
                int take = FlashExtent.HeaderBytes - _headerCount;
                if (take > count) take = count;
                System.Array.Copy(data, offset, _header, _headerCount, take);
                _headerCount += take;
                offset += take;
                count -= take;
                if (_headerCount < FlashExtent.HeaderBytes) return;
                string format = FlashExtent.Squashfs;
                _extent = _kernel
                    ? FlashExtent.Kernel(_header, _headerCount, _partitionSize, out format, out _problem)
                    : FlashExtent.Rootfs(_header, _headerCount, _partitionSize, out _problem);
                if (_extent < 0) return;
                _format = format;
                // Every extent is at least the header long (FlashExtent refuses shorter ones).
                Absorb(_header, 0, _headerCount);
            }
            if (count > 0) Absorb(data, offset, count);
        }

        /// <summary>Call after the body ended: a partition shorter than the header still gets its reason.</summary>
        public void Finish()
        {
            if (_extent < 0 && _problem == null)
            {
                _problem = _kernel
                    ? "the kernel partition ended after " + _received.ToString() + " bytes, before its image header was complete"
                    : "the rootfs partition ended after " + _received.ToString() + " bytes, before its squashfs superblock was complete";
            }
        }

        private void Absorb(byte[] data, int offset, int count)
        {
            long left = _extent - _hashed;
            int n = count < left ? count : (int)left;
            _sha.Update(data, offset, n);
            _hashed += n;
            if (_hashed == _extent) _digest = _sha.Final();
        }
    }
}
