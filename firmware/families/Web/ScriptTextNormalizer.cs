using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Hashes an inline script's text so that what a server changes on every page load gives the same digest, while
    /// changed code does not: white space runs count as one space and the ends are trimmed; every run of digits
    /// counts as one "0" (timestamps, counters, cache busters); and a run of token characters (letters, digits,
    /// - _ + / =) of 16 or more that holds a digit, or is at least a quarter upper-case letters, counts as one "~"
    /// (CSRF tokens, CSP nonces, session ids, UUIDs, base64 and hex values). Long identifiers such as
    /// getElementsByTagName stay, and so does every host name (dots end a run). Streaming, a fixed 64-byte buffer.
    /// </summary>
    public sealed class ScriptTextNormalizer
    {
        private const int TokenLength = 16;
        private const int RunCapacity = 64;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _run = new byte[RunCapacity];
        private readonly byte[] _one = new byte[1];
        private int _runLength;
        private int _runTotal;
        private int _digits;
        private int _upper;
        private int _lower;
        private bool _flushedPlain;
        private bool _pendingSpace;
        private int _emitted;

        /// <summary>Bytes fed to the hash so far; 0 means the script was only white space.</summary>
        public int Emitted { get { return _emitted; } }

        public void Reset()
        {
            _sha.Reset();
            _runLength = 0;
            _runTotal = 0;
            _digits = 0;
            _upper = 0;
            _lower = 0;
            _flushedPlain = false;
            _pendingSpace = false;
            _emitted = 0;
        }

        public void Add(byte b)
        {
            if (IsTokenChar(b))
            {
                AddToRun(b);
                return;
            }
            EndRun();
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f')
            {
                _pendingSpace = _emitted > 0;
                return;
            }
            Emit(b);
        }

        /// <summary>16 hex digits of the normalised text's SHA-256.</summary>
        public string Finish()
        {
            EndRun();
            byte[] hash = _sha.Final();
            return Hex.Encode(hash, 0, 8);
        }

        private void AddToRun(byte b)
        {
            _runTotal++;
            if (b >= '0' && b <= '9') _digits++;
            else if (b >= 'A' && b <= 'Z') _upper++;
            else if (b >= 'a' && b <= 'z') _lower++;
            if (_runLength < RunCapacity)
            {
                _run[_runLength++] = b;
                return;
            }
            // A run longer than the buffer: a token swallows the rest; plain text is written out as it goes.
            if (IsToken()) return;
            FlushPlain();
            EmitPlain(b);
        }

        private void EndRun()
        {
            if (_runTotal == 0) return;
            if (!_flushedPlain && IsToken()) Emit((byte)'~');
            else FlushPlain();
            _runLength = 0;
            _runTotal = 0;
            _digits = 0;
            _upper = 0;
            _lower = 0;
            _flushedPlain = false;
        }

        private bool IsToken()
        {
            if (_runTotal < TokenLength) return false;
            return _digits > 0 || (_lower > 0 && _upper * 4 >= _runTotal);
        }

        private void FlushPlain()
        {
            for (int i = 0; i < _runLength; i++) EmitPlain(_run[i]);
            _runLength = 0;
            _flushedPlain = true;
        }

        // Digit runs collapse to one "0"; the previous emitted byte tells whether a run is already open.
        private bool _inDigits;

        private void EmitPlain(byte b)
        {
            bool digit = b >= '0' && b <= '9';
            if (digit && _inDigits) return;
            Emit(digit ? (byte)'0' : b);
            _inDigits = digit;
        }

        private void Emit(byte b)
        {
            if (_pendingSpace)
            {
                _pendingSpace = false;
                _one[0] = (byte)' ';
                _sha.Update(_one, 0, 1);
                _emitted++;
            }
            _inDigits = false;
            _one[0] = b;
            _sha.Update(_one, 0, 1);
            _emitted++;
        }

        private static bool IsTokenChar(byte b)
        {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '+' || b == '/' || b == '=';
        }
    }
}
