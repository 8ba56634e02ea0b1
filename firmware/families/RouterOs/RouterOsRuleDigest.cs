using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// <see cref="RouterOsFirewallFacts.Digest"/> read straight from the answer's bytes, with no string per member name
    /// or value: the same SHA-256 input (names in ordinal order, values normalised the same way) for the usual rule,
    /// whose names and values are plain printable ASCII without blanks. Anything else (escapes, blanks, other
    /// characters, long values) makes <see cref="Compute"/> return false and the caller takes the string path, so
    /// the digest never depends on which path made it. One per probe run, its buffers reused for every rule.
    /// </summary>
    public sealed class RouterOsRuleDigest
    {
        private const int MaxMembers = 32;
        private const int NameBytes = 512;
        private const int ValueBytes = 256;
        // Rules, names and values larger than these (rare) take the string path; the buffers stay small on the ESP32.
        // NormalizeList cleans each item to 128 characters: a longer one goes the string way.
        private const int MaxItemLength = 128;
        private const int MaxItems = 32;
        private const string HexDigits = "0123456789abcdef";

        private readonly Sha256 _sha;
        private readonly byte[] _hash = new byte[Sha256.HashBytes];
        private readonly byte[] _names = new byte[NameBytes];
        private readonly int[] _nameStart = new int[MaxMembers];
        private readonly int[] _nameLength = new int[MaxMembers];
        private readonly int[] _member = new int[MaxMembers];
        private readonly byte[] _raw = new byte[ValueBytes];
        private readonly byte[] _value = new byte[ValueBytes];
        private readonly int[] _itemStart = new int[MaxItems];
        private readonly int[] _itemLength = new int[MaxItems];
        private readonly byte[] _one = new byte[1];

        private static readonly byte[] Prefix = Ascii("routeros-rule\n");
        private static readonly byte[] True = Ascii("true");
        private static readonly byte[] False = Ascii("false");

        /// <summary>Runs on <paramref name="sha"/>, which it resets for every rule (the probe's TextDigest lends its own).</summary>
        public RouterOsRuleDigest(Sha256 sha)
        {
            if (sha == null) throw new System.ArgumentNullException("sha");
            _sha = sha;
        }

        /// <summary>Hashes the rule's kept members; false when it needs the string path (nothing then holds).</summary>
        public bool Compute(JsonValue rule, string[] ignored)
        {
            int n = rule.Count;
            if (n > MaxMembers) return false;
            int used = 0;
            int kept = 0;
            for (int m = 0; m < n; m++)
            {
                if (NameBytes - used < 1) return false;
                int length = rule.KeyRawAt(m, _raw);
                if (length < 0 || length > NameBytes - used || !IsPlain(_raw, length)) return false;
                if (IsIgnored(_raw, length, ignored)) continue;
                System.Array.Copy(_raw, 0, _names, used, length);
                // Insertion by ordinal name (byte order is char order for ASCII); names are unique in an object.
                int at = kept;
                while (at > 0 && Compare(_names, _nameStart[at - 1], _nameLength[at - 1], _names, used, length) > 0)
                {
                    _nameStart[at] = _nameStart[at - 1];
                    _nameLength[at] = _nameLength[at - 1];
                    _member[at] = _member[at - 1];
                    at--;
                }
                _nameStart[at] = used;
                _nameLength[at] = length;
                _member[at] = m;
                used += length;
                kept++;
            }
            _sha.Reset();
            _sha.Update(Prefix, 0, Prefix.Length);
            for (int k = 0; k < kept; k++)
            {
                int raw = rule.RawTextAt(_member[k], _raw);
                if (raw < 0) return false;
                int length = Normalize(_raw, raw, _value);
                if (length < 0) return false;
                if (length == 0) continue;
                _sha.Update(_names, _nameStart[k], _nameLength[k]);
                Byte((byte)'=');
                _sha.Update(_value, 0, length);
                Byte((byte)'\n');
            }
            _sha.Final(_hash, 0);
            return true;
        }

        /// <summary>The first 16 hex digits of the last <see cref="Compute"/> that returned true.</summary>
        public TextBuilder AppendHex16(TextBuilder into)
        {
            for (int i = 0; i < 8; i++) into.Append(HexDigits[_hash[i] >> 4]).Append(HexDigits[_hash[i] & 0xF]);
            return into;
        }

        /// <summary>
        /// The length of <c>RouterOsFirewallFacts.Normalized(member)</c>, read in place and held for <see cref="AppendValue"/>;
        /// 0 when the member is absent or empty after normalising, -1 when it needs the string path (escaped, long, not
        /// a string, or not plain ASCII).
        /// </summary>
        public int NormalizeMember(JsonValue record, string name)
        {
            int raw = record.MemberRawText(name, _raw);
            if (raw < 0)
            {
                JsonKind kind;
                // Absent is nothing to show; present but escaped, long or not a string is the string path's.
                return record.TryMemberKind(name, out kind) ? -1 : 0;
            }
            return Normalize(_raw, raw, _value);
        }

        /// <summary>
        /// Whether the value <see cref="NormalizeMember"/> held is a list of words rather than a flag it turned into
        /// "true"/"false" (then the caller takes the string path, which keeps the words as written).
        /// </summary>
        public bool HeldIsList(int length)
        {
            return length > 0 && !(length == 4 && Same(_value, 4, "true")) && !(length == 5 && Same(_value, 5, "false"));
        }

        /// <summary>Whether one item of the held list is exactly <paramref name="word"/> (lower case).</summary>
        public bool HeldHasItem(int length, string word)
        {
            int start = 0;
            for (int i = 0; i <= length; i++)
            {
                if (i < length && _value[i] != ',') continue;
                if (i - start == word.Length)
                {
                    bool same = true;
                    for (int k = 0; k < word.Length && same; k++) same = _value[start + k] == word[k];
                    if (same) return true;
                }
                start = i + 1;
            }
            return false;
        }

        /// <summary>Appends the held list's items, comma-separated, leaving out those that begin with <paramref name="skip"/>.</summary>
        public TextBuilder AppendHeldItems(int length, char skip, TextBuilder into)
        {
            int start = 0;
            bool first = into.Length == 0;
            for (int i = 0; i <= length; i++)
            {
                if (i < length && _value[i] != ',') continue;
                if (i > start && _value[start] != skip)
                {
                    if (!first) into.Append(',');
                    first = false;
                    for (int k = start; k < i; k++) into.Append((char)_value[k]);
                }
                start = i + 1;
            }
            return into;
        }

        /// <summary>
        /// Appends a member lower-cased as a key segment, read in place: what <c>AppendKeySegment(Lower(Clean(value)))</c>
        /// gives for a plain value (printable ASCII without blanks, '=' or '%', at most <paramref name="max"/> long).
        /// Returns its length, 0 when the member is absent or empty (nothing appended), -1 when it needs the string path.
        /// </summary>
        public int AppendKeyMember(JsonValue record, string name, int max, TextBuilder into)
        {
            int raw = record.MemberRawText(name, _raw);
            if (raw < 0)
            {
                JsonKind kind;
                return record.TryMemberKind(name, out kind) ? -1 : 0;
            }
            if (raw > max) return -1;
            for (int i = 0; i < raw; i++)
            {
                byte b = _raw[i];
                if (b <= 0x20 || b >= 0x7F || b == '=' || b == '%') return -1;
            }
            for (int i = 0; i < raw; i++)
            {
                byte b = _raw[i];
                into.Append((char)(b >= 'A' && b <= 'Z' ? b + 32 : b));
            }
            return raw;
        }

        /// <summary>Appends what <c>FactText.Clean(value, max)</c> gives of the value <see cref="NormalizeMember"/> held (it has no blanks).</summary>
        public TextBuilder AppendValue(int length, int max, TextBuilder into)
        {
            if (length > max) length = max;
            for (int i = 0; i < length; i++) into.Append((char)_value[i]);
            return into;
        }

        private void Byte(byte b)
        {
            _one[0] = b;
            _sha.Update(_one, 0, 1);
        }

        /// <summary>
        /// What <see cref="RouterOsFirewallFacts.Normalized"/> gives, as bytes in <paramref name="output"/>: a flag as
        /// true/false, else the comma list lower-cased, without empties or repeats, in ordinal order. -1 for text with
        /// blanks, control or non-ASCII characters, or an item longer than the string path keeps.
        /// </summary>
        private int Normalize(byte[] raw, int n, byte[] output)
        {
            int items = 0;
            int start = 0;
            for (int i = 0; i <= n; i++)
            {
                if (i < n)
                {
                    byte b = raw[i];
                    if (b <= 0x20 || b >= 0x7F) return -1;
                    if (b >= 'A' && b <= 'Z') raw[i] = (byte)(b + 32);
                    if (b != ',') continue;
                }
                int length = i - start;
                if (length > MaxItemLength) return -1;
                if (length > 0)
                {
                    if (items == MaxItems) return -1;
                    int at = items;
                    while (at > 0 && Compare(raw, _itemStart[at - 1], _itemLength[at - 1], raw, start, length) > 0) at--;
                    // A repeat is kept once (the earlier copy is already in place).
                    if (at > 0 && Compare(raw, _itemStart[at - 1], _itemLength[at - 1], raw, start, length) == 0)
                    {
                        start = i + 1;
                        continue;
                    }
                    for (int k = items; k > at; k--)
                    {
                        _itemStart[k] = _itemStart[k - 1];
                        _itemLength[k] = _itemLength[k - 1];
                    }
                    _itemStart[at] = start;
                    _itemLength[at] = length;
                    items++;
                }
                start = i + 1;
            }
            if (items == 1)
            {
                // A single item may be a flag (only then: "yes,no" is a list).
                bool single = _itemStart[0] == 0 && _itemLength[0] == n;
                if (single && (Same(raw, n, "true") || Same(raw, n, "yes"))) return Copy(True, output);
                if (single && (Same(raw, n, "false") || Same(raw, n, "no"))) return Copy(False, output);
            }
            int written = 0;
            for (int k = 0; k < items; k++)
            {
                if (k > 0) output[written++] = (byte)',';
                System.Array.Copy(raw, _itemStart[k], output, written, _itemLength[k]);
                written += _itemLength[k];
            }
            return written;
        }

        private static int Copy(byte[] from, byte[] to)
        {
            System.Array.Copy(from, 0, to, 0, from.Length);
            return from.Length;
        }

        private static bool Same(byte[] bytes, int n, string text)
        {
            if (n != text.Length) return false;
            for (int i = 0; i < n; i++)
            {
                if (bytes[i] != text[i]) return false;
            }
            return true;
        }

        private static bool IsPlain(byte[] bytes, int n)
        {
            for (int i = 0; i < n; i++)
            {
                if (bytes[i] < 0x20 || bytes[i] >= 0x7F) return false;
            }
            return true;
        }

        private static bool IsIgnored(byte[] name, int n, string[] ignored)
        {
            for (int i = 0; i < ignored.Length; i++)
            {
                if (Same(name, n, ignored[i])) return true;
            }
            return false;
        }

        private static int Compare(byte[] a, int aStart, int aLength, byte[] b, int bStart, int bLength)
        {
            int n = aLength < bLength ? aLength : bLength;
            for (int i = 0; i < n; i++)
            {
                int d = a[aStart + i] - b[bStart + i];
                if (d != 0) return d;
            }
            return aLength - bLength;
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }
    }
}
