using System.Collections;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The partition table Linux prints in /proc/mtd (drivers/mtd/mtdcore.c, mtd_proc_show):
    /// a header line "dev:    size   erasesize  name", then one line per partition written with
    /// "mtd%d: %8.8llx %8.8x \"%s\"\n" (index, size and erase size in hex, name in quotes).
    /// A device without raw flash (eMMC, SD, x86 disks) prints the header only. Hostile input is bounded:
    /// at most <see cref="MaxPartitions"/> lines, names of at most <see cref="MaxNameChars"/> characters,
    /// sizes of at most 16 hex digits, and any line that is not in this form makes the table unreadable.
    /// </summary>
    public sealed class MtdTable
    {
        public const int MaxPartitions = 32;
        public const int MaxNameChars = 64;
        public const string Header = "dev:    size   erasesize  name";

        private readonly ArrayList _partitions = new ArrayList();

        public int Count { get { return _partitions.Count; } }

        public MtdPartition this[int index] { get { return (MtdPartition)_partitions[index]; } }

        /// <summary>The first partition with this exact name, or null.</summary>
        public MtdPartition Find(string name)
        {
            for (int i = 0; i < _partitions.Count; i++)
            {
                MtdPartition p = (MtdPartition)_partitions[i];
                if (p.Name == name) return p;
            }
            return null;
        }

        /// <summary>"name:size(hex)" of every partition in order, joined by spaces; "none" for an empty table.</summary>
        public string Layout()
        {
            if (_partitions.Count == 0) return "none";
            TextBuilder text = new TextBuilder(_partitions.Count * 24);
            for (int i = 0; i < _partitions.Count; i++)
            {
                MtdPartition p = (MtdPartition)_partitions[i];
                if (i > 0) text.Append(' ');
                text.Append(FactText.KeySegment(p.Name, MaxNameChars)).Append(':').Append(HexText(p.Size));
            }
            return text.ToString();
        }

        /// <summary>Parses the text of /proc/mtd; null and <paramref name="problem"/> when it is not in the kernel's form.</summary>
        public static MtdTable Parse(string text, out string problem)
        {
            problem = null;
            if (text == null) { problem = "/proc/mtd is empty"; return null; }
            MtdTable table = new MtdTable();
            int position = 0;
            int line = 0;
            while (position < text.Length)
            {
                int end = text.IndexOf('\n', position);
                if (end < 0) end = text.Length;
                string row = text.Substring(position, end - position);
                position = end + 1;
                line++;
                if (line == 1)
                {
                    if (row != Header) { problem = "/proc/mtd does not start with the kernel's header line"; return null; }
                    continue;
                }
                if (row.Length == 0 && position >= text.Length) break;
                if (table.Count == MaxPartitions) { problem = "/proc/mtd lists more than " + MaxPartitions.ToString() + " partitions"; return null; }
                MtdPartition partition = ParseLine(row, table.Count);
                if (partition == null) { problem = "line " + line.ToString() + " of /proc/mtd is not \"mtdN: size erasesize \\\"name\\\"\""; return null; }
                table._partitions.Add(partition);
            }
            if (line == 0) { problem = "/proc/mtd is empty"; return null; }
            return table;
        }

        // "mtd%d: %8.8llx %8.8x \"%s\"": the kernel numbers partitions in order, so mtdN must be the Nth line.
        private static MtdPartition ParseLine(string row, int expectedIndex)
        {
            string prefix = "mtd" + expectedIndex.ToString() + ": ";
            if (!Ordinal.StartsWith(row, prefix)) return null;
            int i = prefix.Length;
            long size = ReadHex(row, ref i);
            if (size < 0 || i >= row.Length || row[i] != ' ') return null;
            i++;
            long erase = ReadHex(row, ref i);
            if (erase < 0 || i + 2 > row.Length || row[i] != ' ' || row[i + 1] != '"' || row[row.Length - 1] != '"') return null;
            int nameStart = i + 2;
            int nameLength = row.Length - 1 - nameStart;
            if (nameLength < 0 || nameLength > MaxNameChars) return null;
            string name = row.Substring(nameStart, nameLength);
            for (int k = 0; k < name.Length; k++)
            {
                if (name[k] < ' ' || name[k] == '"' || name[k] >= (char)0x7F) return null;
            }
            return new MtdPartition(expectedIndex, size, erase, name);
        }

        // At least 8 and at most 16 hex digits (the kernel pads to 8); -1 when not.
        private static long ReadHex(string row, ref int i)
        {
            long value = 0;
            int digits = 0;
            while (i < row.Length && digits < 17)
            {
                int d = HexDigit(row[i]);
                if (d < 0) break;
                if (digits == 15 && (value >> 59) != 0) return -1;
                value = (value << 4) | (long)d;
                digits++;
                i++;
            }
            if (digits < 8 || digits > 16 || value < 0) return -1;
            return value;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static string HexText(long value)
        {
            char[] digits = new char[16];
            int n = 0;
            do
            {
                digits[15 - n] = "0123456789abcdef"[(int)(value & 0xF)];
                value >>= 4;
                n++;
            }
            while (value != 0 && n < 16);
            return "0x" + new string(digits, 16 - n, n);
        }
    }
}
