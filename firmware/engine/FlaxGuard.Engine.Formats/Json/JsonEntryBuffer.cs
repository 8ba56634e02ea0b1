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

        /// <summary>Entries (values and member names) the kept table holds without growing; 0 before the first parse.</summary>
        public int Capacity { get { return Entries == null ? 0 : Entries.Length / JsonDocument.IntsPerEntry; } }
    }
}
