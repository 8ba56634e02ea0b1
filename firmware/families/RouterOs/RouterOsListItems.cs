using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// <see cref="RouterOsText.NormalizeList"/> without a string per item: the items of a comma list as places in the
    /// text, sorted and without repeats the way NormalizeList orders them (lower-cased, ordinal). Only for the usual
    /// list of plain ASCII words (blanks only around commas, items up to 128 characters); <see cref="Read"/> says -1
    /// for any other, and the caller takes NormalizeList. One per probe run, reused for every list.
    /// </summary>
    public sealed class RouterOsListItems
    {
        private const int MaxItems = 48;
        // NormalizeList cleans each item to 128 characters: a longer one goes the string way.
        private const int MaxItemLength = 128;

        private readonly int[] _start = new int[MaxItems];
        private readonly int[] _length = new int[MaxItems];
        private string _text;

        /// <summary>How many items <paramref name="raw"/> has after normalising (0 for null), or -1 when it needs NormalizeList.</summary>
        public int Read(string raw)
        {
            _text = raw;
            if (raw == null) return 0;
            int items = 0;
            int start = 0;
            for (int end = 0; end <= raw.Length; end++)
            {
                if (end < raw.Length && raw[end] != ',') continue;
                int from = start;
                int last = end;
                start = end + 1;
                while (from < last && raw[from] == ' ') from++;
                while (last > from && raw[last - 1] == ' ') last--;
                int length = last - from;
                if (length == 0) continue;
                if (length > MaxItemLength) return -1;
                for (int i = from; i < last; i++)
                {
                    if (raw[i] <= ' ' || raw[i] >= (char)0x7F) return -1;
                }
                int at = items;
                while (at > 0 && Compare(_start[at - 1], _length[at - 1], from, length) > 0) at--;
                if (at > 0 && Compare(_start[at - 1], _length[at - 1], from, length) == 0) continue;
                if (items == MaxItems) return -1;
                for (int k = items; k > at; k--)
                {
                    _start[k] = _start[k - 1];
                    _length[k] = _length[k - 1];
                }
                _start[at] = from;
                _length[at] = length;
                items++;
            }
            return items;
        }

        /// <summary>The first character of item <paramref name="index"/> of the last <see cref="Read"/>.</summary>
        public char FirstChar(int index)
        {
            return _text[_start[index]];
        }

        /// <summary>Whether item <paramref name="index"/> is <paramref name="word"/> (given in lower case).</summary>
        public bool ItemIs(int index, string word)
        {
            if (_length[index] != word.Length) return false;
            for (int i = 0; i < word.Length; i++)
            {
                if (Lower(_text[_start[index] + i]) != word[i]) return false;
            }
            return true;
        }

        /// <summary>Appends item <paramref name="index"/> lower-cased, as NormalizeList gives it.</summary>
        public TextBuilder AppendItem(int index, TextBuilder into)
        {
            int end = _start[index] + _length[index];
            for (int i = _start[index]; i < end; i++) into.Append(Lower(_text[i]));
            return into;
        }

        private int Compare(int aStart, int aLength, int bStart, int bLength)
        {
            int n = aLength < bLength ? aLength : bLength;
            for (int i = 0; i < n; i++)
            {
                int d = Lower(_text[aStart + i]) - Lower(_text[bStart + i]);
                if (d != 0) return d;
            }
            return aLength - bLength;
        }

        private static char Lower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
}
