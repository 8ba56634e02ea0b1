namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Layout of the compiled firmware database (big-endian throughout). The host compiles it from the
    /// signed source files; the appliance binary-searches it through <see cref="Platform.IBlobReader"/>.
    ///
    /// header (96 bytes) | artifact directory | artifact entries | identity directory | identity entries |
    /// exploit entries | string table | HMAC-SHA256 (32 bytes, appliance key, over everything before it)
    ///
    /// Artifact entries are sorted by SHA-256 of the firmware file. A directory of 256^B + 1 entry
    /// indexes (B = 0, 1 or 2 leading hash bytes) narrows each search to one bucket, and those B bytes
    /// are not repeated in the entries: every entry stores hash bytes B..10 (88 bits in all) and a 24-bit
    /// identity index. Identity entries are sorted by a 40-bit key of the normalized vendor, model and
    /// version, with the same directory scheme, and point at two strings: "vendor\u001Fmodel" and the version.
    /// Exploit entries are sorted by a 32-bit vendor key.
    /// </summary>
    public static class HashDbFormat
    {
        public const int HeaderBytes = 96;
        public const int MacBytes = 32;
        public const int FormatVersion = 1;

        /// <summary>Leading bytes of the artifact hash that are compared, directory bucket included.</summary>
        public const int ArtifactHashBytes = 11;

        /// <summary>Bytes of the identity key that are compared, directory bucket included.</summary>
        public const int IdentityKeyBytes = 5;

        public const int ExploitEntryBytes = 25;
        public const int StringRefBytes = 3;
        public const int MaxStringBytes = 255;

        /// <summary>Largest string table a 24-bit reference can address.</summary>
        public const int MaxStringTableBytes = 1 << 24;

        /// <summary>Most identities one artifact may belong to (one image can serve several boards).</summary>
        public const int MaxIdentitiesPerArtifact = 8;

        /// <summary>Most exploit rows a database may hold for one vendor, so a lookup stays bounded.</summary>
        public const int MaxExploitRowsPerVendor = 256;

        public const int MaxPatternPrefixChars = 255;

        /// <summary>Exploit flag: the CVE is named in connection with the 2024 Flax Typhoon botnet advisory.</summary>
        public const int ExploitFlagBotnet2024 = 1;

        /// <summary>Separator between vendor and model in the identity's first string.</summary>
        public const char VendorModelSeparator = '\u001F';

        public static readonly byte[] Magic = new byte[] { (byte)'F', (byte)'G', (byte)'H', (byte)'A', (byte)'S', (byte)'H', (byte)'D', (byte)'B' };

        // Header field offsets.
        public const int OffsetMagic = 0;
        public const int OffsetFormatVersion = 8;
        public const int OffsetFlags = 10;
        public const int OffsetDatabaseVersion = 12;
        public const int OffsetCreated = 16;
        public const int OffsetSignerKeyId = 24;
        public const int OffsetApplianceKeyId = 32;
        public const int OffsetArtifactCount = 40;
        public const int OffsetArtifactBucketBytes = 44;
        public const int OffsetArtifactEntryBytes = 45;
        public const int OffsetIdentityBucketBytes = 46;
        public const int OffsetIdentityEntryBytes = 47;
        public const int OffsetIdentityCount = 48;
        public const int OffsetExploitCount = 52;
        public const int OffsetArtifactDirectory = 56;
        public const int OffsetArtifactEntries = 60;
        public const int OffsetIdentityDirectory = 64;
        public const int OffsetIdentityEntries = 68;
        public const int OffsetExploitEntries = 72;
        public const int OffsetStringTable = 76;
        public const int OffsetStringTableLength = 80;
        public const int OffsetTotalLength = 84;
        public const int OffsetReserved = 88;
        public const int KeyIdBytes = 8;

        /// <summary>Directory width the compiler picks for a section of <paramref name="count"/> entries.</summary>
        public static int BucketBytesFor(int count)
        {
            if (count >= (1 << 18)) return 2;
            if (count >= (1 << 10)) return 1;
            return 0;
        }

        public static int ArtifactEntryBytes(int bucketBytes)
        {
            return ArtifactHashBytes - bucketBytes + 3;
        }

        public static int IdentityEntryBytes(int bucketBytes)
        {
            return IdentityKeyBytes - bucketBytes + 3 + 3;
        }

        /// <summary>Bytes of a directory over B leading bytes: 256^B + 1 four-byte entry indexes.</summary>
        public static int DirectoryBytes(int bucketBytes)
        {
            return ((1 << (8 * bucketBytes)) + 1) * 4;
        }
    }
}
