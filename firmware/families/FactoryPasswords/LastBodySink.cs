using System;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// Keeps the head (first <c>capacity</c> bytes) of the body being received and of the one before the last restart:
    /// the authenticated client restarts its sink before it reports a refusal, and the refused answer's body is where
    /// a camera says it is about to lock (Hikvision's userCheck).
    /// </summary>
    public sealed class LastBodySink : IRestartableSink
    {
        private byte[] _current;
        private byte[] _previous;
        private int _currentLength;
        private int _previousLength;

        public LastBodySink(int capacity)
        {
            _current = new byte[capacity];
            _previous = new byte[capacity];
        }

        public void Clear()
        {
            _currentLength = 0;
            _previousLength = 0;
        }

        public void Restart()
        {
            byte[] swap = _previous;
            _previous = _current;
            _previousLength = _currentLength;
            _current = swap;
            _currentLength = 0;
        }

        public void Write(byte[] data, int offset, int count)
        {
            int room = _current.Length - _currentLength;
            int n = count < room ? count : room;
            if (n <= 0) return;
            Array.Copy(data, offset, _current, _currentLength, n);
            _currentLength += n;
        }

        /// <summary>The current body's head, else the one before the restart, as text (invalid UTF-8 replaced), or null.</summary>
        public string Text()
        {
            byte[] data = _currentLength > 0 ? _current : _previous;
            int length = _currentLength > 0 ? _currentLength : _previousLength;
            if (length == 0) return null;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = data[i] < 0x80 ? (char)data[i] : '?';
            return new string(chars);
        }
    }
}
