namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Walks the lines of a text in place: each <see cref="Next"/> moves <see cref="Start"/> and <see cref="End"/> to
    /// the next line ('\n' ends a line; a '\r' before it is white space), and nothing is copied until
    /// <see cref="Line"/> is asked for, so comment and blank lines of a config file cost no allocation.
    /// </summary>
    public sealed class TextLines
    {
        private string _text;
        private int _next;

        public TextLines(string text)
        {
            Reset(text);
        }

        /// <summary>Index of the current line's first character (after <see cref="Trim"/>, its first non-blank one).</summary>
        public int Start { get; private set; }

        /// <summary>Index just past the current line's last character.</summary>
        public int End { get; private set; }

        public int Length { get { return End - Start; } }

        public string Text { get { return _text; } }

        /// <summary>Starts over on another text (null is a text without lines).</summary>
        public void Reset(string text)
        {
            _text = text;
            _next = 0;
            Start = 0;
            End = 0;
        }

        /// <summary>Moves to the next line; false after the last one. A text ending in '\n' has no empty line after it.</summary>
        public bool Next()
        {
            if (_text == null || _next > _text.Length) return false;
            if (_next == _text.Length && _next > 0 && _text[_next - 1] == '\n') return false;
            int end = _text.IndexOf('\n', _next);
            if (end < 0) end = _text.Length;
            Start = _next;
            End = end;
            _next = end + 1;
            return true;
        }

        /// <summary>Ends the current line at <paramref name="end"/> (a comment start), when that is inside it.</summary>
        public void Cut(int end)
        {
            if (end >= Start && end < End) End = end;
        }

        /// <summary>Drops white space at both ends of the current line.</summary>
        public void Trim()
        {
            int start = Start, end = End;
            while (start < end && IsBlank(_text[start])) start++;
            while (end > start && IsBlank(_text[end - 1])) end--;
            Start = start;
            End = end;
        }

        /// <summary>True when the (trimmed) line is empty or starts with <paramref name="comment"/>.</summary>
        public bool IsEmptyOrComment(char comment)
        {
            return End == Start || _text[Start] == comment;
        }

        /// <summary>True when the current line is exactly <paramref name="value"/>.</summary>
        public bool Is(string value)
        {
            if (value.Length != End - Start) return false;
            for (int i = 0; i < value.Length; i++) if (_text[Start + i] != value[i]) return false;
            return true;
        }

        /// <summary>Index of <paramref name="c"/> in the current line at or after <paramref name="from"/>, or -1.</summary>
        public int IndexOf(char c, int from)
        {
            for (int i = from; i < End; i++) if (_text[i] == c) return i;
            return -1;
        }

        /// <summary>The current line as a string (one allocation).</summary>
        public string Line()
        {
            return _text.Substring(Start, End - Start);
        }

        /// <summary>White space as string.Trim sees it (no-break spaces included), so a trimmed line is the one Trim gives.</summary>
        public static bool IsBlank(char c)
        {
            return MediaType.IsWhiteSpace(c);
        }
    }
}
