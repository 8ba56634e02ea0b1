using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// One character buffer a probe run reuses for every fact key and value it assembles, so building
    /// "cfg.service." + segment or "port=" + n + " from=" + list costs the finished string and nothing else
    /// (string concatenation and StringBuilder copy their parts again for each piece). Not thread-safe.
    /// </summary>
    public sealed class TextBuilder
    {
        private char[] _chars;
        private int _length;

        public TextBuilder(int capacity)
        {
            _chars = new char[capacity < 16 ? 16 : capacity];
        }

        public int Length { get { return _length; } }

        public char this[int index] { get { return _chars[index]; } }

        public TextBuilder Clear()
        {
            _length = 0;
            return this;
        }

        /// <summary>Appends the text; null appends nothing.</summary>
        public TextBuilder Append(string text)
        {
            if (text == null) return this;
            Reserve(text.Length);
            for (int i = 0; i < text.Length; i++) _chars[_length++] = text[i];
            return this;
        }

        public TextBuilder Append(char c)
        {
            Reserve(1);
            _chars[_length++] = c;
            return this;
        }

        /// <summary>Decimal digits of the number, as int.ToString() writes them.</summary>
        public TextBuilder Append(int value)
        {
            long n = value;
            if (n < 0)
            {
                Append('-');
                n = -n;
            }
            int digits = 1;
            for (long rest = n / 10; rest > 0; rest /= 10) digits++;
            Reserve(digits);
            for (int i = digits - 1; i >= 0; i--)
            {
                _chars[_length + i] = (char)('0' + (int)(n % 10));
                n /= 10;
            }
            _length += digits;
            return this;
        }

        /// <summary>Appends the text with ASCII letters lower-cased, as <see cref="Ordinal.ToLowerAscii"/> does.</summary>
        public TextBuilder AppendLowerAscii(string text)
        {
            if (text == null) return this;
            Reserve(text.Length);
            for (int i = 0; i < text.Length; i++) _chars[_length++] = Ordinal.LowerAscii(text[i]);
            return this;
        }

        /// <summary>Appends exactly what <see cref="FactText.KeySegment"/> returns, without its intermediate copies for plain ASCII.</summary>
        public TextBuilder AppendKeySegment(string raw, int maxLength)
        {
            if (raw == null) return this;
            int n = raw.Length < maxLength ? raw.Length : maxLength;
            for (int i = 0; i < n; i++)
            {
                if (!IsPlainKeyChar(raw[i])) return Append(FactText.KeySegment(raw, maxLength));
            }
            Reserve(n);
            for (int i = 0; i < n; i++) _chars[_length++] = raw[i];
            return this;
        }

        /// <summary>
        /// Appends what <see cref="FactText.KeySegment"/> returns for <c>raw.Substring(start, count)</c>; the substring is
        /// only made when the part needs escaping or cutting.
        /// </summary>
        public TextBuilder AppendKeySegment(string raw, int start, int count, int maxLength)
        {
            if (count > maxLength) return Append(FactText.KeySegment(raw.Substring(start, count), maxLength));
            for (int i = start; i < start + count; i++)
            {
                if (!IsPlainKeyChar(raw[i])) return Append(FactText.KeySegment(raw.Substring(start, count), maxLength));
            }
            Reserve(count);
            for (int i = start; i < start + count; i++) _chars[_length++] = raw[i];
            return this;
        }

        /// <summary>
        /// Appends what <see cref="FactText.KeySegment"/> returns for <c>Ordinal.ToLowerAscii(raw.Substring(start, count))</c>
        /// (a host name as a key segment); the substring is only made when the part needs escaping or cutting.
        /// </summary>
        public TextBuilder AppendLowerKeySegment(string raw, int start, int count, int maxLength)
        {
            bool plain = count <= maxLength;
            for (int i = start; i < start + count && plain; i++) plain = IsPlainKeyChar(raw[i]);
            if (!plain) return Append(FactText.KeySegment(Ordinal.ToLowerAscii(raw.Substring(start, count)), maxLength));
            Reserve(count);
            // Lower-casing keeps a plain key character plain.
            for (int i = start; i < start + count; i++) _chars[_length++] = Ordinal.LowerAscii(raw[i]);
            return this;
        }

        /// <summary>
        /// Appends what <see cref="FactText.Clean"/> returns for <c>raw.Substring(start, count)</c>; the substring is only
        /// made when the part holds a blank or is longer than <paramref name="maxLength"/>.
        /// </summary>
        public TextBuilder AppendClean(string raw, int start, int count, int maxLength)
        {
            if (count > maxLength) return Append(FactText.Clean(raw.Substring(start, count), maxLength));
            for (int i = start; i < start + count; i++)
            {
                if (FactText.IsBlank(raw[i])) return Append(FactText.Clean(raw.Substring(start, count), maxLength));
            }
            Reserve(count);
            for (int i = start; i < start + count; i++) _chars[_length++] = raw[i];
            return this;
        }

        /// <summary>
        /// Appends what <see cref="FactText.KeySegment"/> returns for <paramref name="count"/> characters of another builder
        /// from <paramref name="start"/>; a string of them is only made when the part needs escaping or cutting.
        /// </summary>
        public TextBuilder AppendKeySegment(TextBuilder source, int start, int count, int maxLength)
        {
            bool plain = count <= maxLength;
            for (int i = start; i < start + count && plain; i++) plain = IsPlainKeyChar(source._chars[i]);
            if (!plain) return Append(FactText.KeySegment(source.ToString(start, count), maxLength));
            Reserve(count);
            for (int i = start; i < start + count; i++) _chars[_length++] = source._chars[i];
            return this;
        }

        /// <summary>
        /// Whether the characters from <paramref name="start"/> to the end are what <see cref="FactText.KeySegment"/> keeps
        /// as they are (printable ASCII, no '=' or '%'), and at most <paramref name="maxLength"/> of them.
        /// </summary>
        public bool IsPlainKeyText(int start, int maxLength)
        {
            if (_length - start > maxLength) return false;
            for (int i = start; i < _length; i++)
            {
                if (!IsPlainKeyChar(_chars[i])) return false;
            }
            return true;
        }

        /// <summary>Whether <paramref name="part"/> (ASCII, lower case) occurs anywhere, ASCII letters compared without case.</summary>
        public bool ContainsIgnoreAsciiCase(string part)
        {
            for (int at = 0; at + part.Length <= _length; at++)
            {
                int k = 0;
                while (k < part.Length && Ordinal.LowerAscii(_chars[at + k]) == part[k]) k++;
                if (k == part.Length) return true;
            }
            return false;
        }

        /// <summary>Whether the characters from <paramref name="offset"/> start with <paramref name="prefix"/>.</summary>
        public bool StartsWithAt(int offset, string prefix)
        {
            if (prefix == null || offset < 0 || _length - offset < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (_chars[offset + i] != prefix[i]) return false;
            }
            return true;
        }

        /// <summary>Whether the characters from <paramref name="offset"/> to the end are exactly <paramref name="text"/>.</summary>
        public bool EqualsAt(int offset, string text)
        {
            return text != null && _length - offset == text.Length && StartsWithAt(offset, text);
        }

        /// <summary>Whether the buffer ends with <paramref name="suffix"/>.</summary>
        public bool EndsWith(string suffix)
        {
            return suffix != null && suffix.Length <= _length && StartsWithAt(_length - suffix.Length, suffix);
        }

        /// <summary>Where <paramref name="c"/> first occurs at or after <paramref name="start"/>, or -1.</summary>
        public int IndexOf(char c, int start)
        {
            for (int i = start < 0 ? 0 : start; i < _length; i++)
            {
                if (_chars[i] == c) return i;
            }
            return -1;
        }

        /// <summary>Whether the buffer holds exactly this text.</summary>
        public bool ContentEquals(string text)
        {
            if (text == null || text.Length != _length) return false;
            for (int i = 0; i < _length; i++)
            {
                if (_chars[i] != text[i]) return false;
            }
            return true;
        }

        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        /// <summary><paramref name="count"/> characters from <paramref name="start"/> as a string.</summary>
        public string ToString(int start, int count)
        {
            if (start < 0 || count < 0 || start + count > _length) throw new ArgumentOutOfRangeException("count");
            return new string(_chars, start, count);
        }

        // The characters FactText.KeySegment keeps as they are.
        private static bool IsPlainKeyChar(char c)
        {
            return c > ' ' && c < (char)0x7F && c != '=' && c != '%';
        }

        private void Reserve(int more)
        {
            int needed = _length + more;
            if (needed <= _chars.Length) return;
            int size = _chars.Length * 2;
            if (size < needed) size = needed;
            char[] grown = new char[size];
            Array.Copy(_chars, 0, grown, 0, _length);
            _chars = grown;
        }
    }
}
