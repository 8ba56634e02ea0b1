namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// An entry table kept for the next parse: a client that reads one answer at a time passes the same buffer to
    /// every <see cref="JsonParser.ParseInPlace(byte[], int, int, JsonLimits, JsonEntryBuffer, out string)"/>, so
    /// the table is allocated for the largest answer only instead of once per answer. A parse with the buffer ends
    /// every document parsed with it before, as refilling the answer bytes does.
    /// </summary>
    public sealed class JsonEntryBuffer
    {
        internal int[] Entries;
        // The parser and document objects of the last parse, refilled by the next one instead of made per answer.
        internal JsonParser Parser;
        internal JsonDocument Document;
        // Value handles handed out for the documents parsed with this buffer, reused once their document is void
        // (a parse with the buffer voids every earlier one): a few dozen handle objects instead of one per lookup.
        internal readonly JsonValue[] Handles = new JsonValue[HandleSlots];
        internal const int HandleSlots = 64;

        /// <summary>A buffer whose table is made on the first parse, the size that parse needs.</summary>
        public JsonEntryBuffer()
        {
        }

        /// <summary>
        /// A buffer with room for <paramref name="entries"/> entries (at most 16384) made at once: a client whose answers
        /// grow one after another (a few hundred bytes, then a uci dump, then a process list) then makes one table
        /// instead of one per new largest answer. A larger answer still gets a table of its own size.
        /// </summary>
        public JsonEntryBuffer(int entries)
        {
            if (entries < 1 || entries > 16384) throw new System.ArgumentOutOfRangeException("entries");
            Entries = new int[entries * JsonDocument.IntsPerEntry];
        }

        /// <summary>Entries (values and member names) the kept table holds without growing; 0 before the first parse.</summary>
        public int Capacity { get { return Entries == null ? 0 : Entries.Length / JsonDocument.IntsPerEntry; } }
    }
}
