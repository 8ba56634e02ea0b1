namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Layout of the compiled firmware database, format version 2 (big-endian throughout). The host compiles
    /// it from the signed source files; the appliance searches it through <see cref="Platform.IBlobReader"/>.
    ///
    /// header (128 bytes) | artifact directory | artifact entries | release entries | model directory |
    /// model entries | version directory | version entries | vendor entries | exploit entries | string table |
    /// HMAC-SHA256 (32 bytes, appliance key, over everything before it)
    ///
    /// A release is one model (vendor + model name) in one version; it is stored as the pair (model id,
    /// version id) and nothing else, so a release costs a few bytes however long its names are.
    ///
    /// - Artifact entries are sorted by the SHA-256 of the firmware file: hash bytes B..10 (88 bits are
    ///   compared; 64 would let someone forge an image with a known-good hash) and a 24-bit release index.
    /// - Release entries are sorted by (model id, version id), packed into the fewest whole bytes that hold
    ///   <see cref="BitsFor"/>(models) + <see cref="BitsFor"/>(versions) bits: model id in the high bits.
    ///   A model's releases are therefore one run, which its model entry points at.
    /// - Model entries are sorted by a 32-bit key of the normalized vendor and model (then by text), so the
    ///   model id is the entry's index: key bytes B..3, 16-bit vendor id, 24-bit reference to the model
    ///   name, 24-bit index of the model's first release (its run ends where the next model's starts).
    /// - Version entries are sorted by a 32-bit key of the normalized version (then by text): key bytes
    ///   B..3 and a 24-bit reference to the version text. The version id is the entry's index.
    /// - Vendor entries are a 24-bit reference to the vendor's name; the vendor id is the entry's index.
    /// - Exploit entries are sorted by a 32-bit vendor key: vendor key, model-prefix key, prefix length,
    ///   flags, and references to vendor, pattern, affected range, fixed version and CVEs.
    /// - Strings are a length byte and up to 255 bytes of UTF-8, each stored once.
    ///
    /// Artifacts, models and versions each have a directory of 256^B + 1 four-byte entry indexes over the
    /// first B key bytes (B = <see cref="BucketBytesFor"/>(count): 0, 1 or 2; no directory when B = 0) that
    /// narrows a search to one bucket; those B bytes are not repeated in the entries.
    /// </summary>
    public static class HashDbFormat
    {
        public const int HeaderBytes = 128;
        public const int MacBytes = 32;
        public const int FormatVersion = 2;

        /// <summary>Leading bytes of the artifact hash that are compared, directory bucket included.</summary>
        public const int ArtifactHashBytes = 11;

        /// <summary>Bytes of the model key (vendor + model) and of the version key, directory bucket included.</summary>
        public const int NameKeyBytes = 4;

        public const int ReleaseRefBytes = 3;
        public const int VendorIdBytes = 2;
        public const int StringRefBytes = 3;
        public const int VendorEntryBytes = StringRefBytes;
        public const int ExploitEntryBytes = 25;
        public const int MaxStringBytes = 255;

        /// <summary>Largest string table a 24-bit reference can address.</summary>
        public const int MaxStringTableBytes = 1 << 24;

        /// <summary>Releases, models and versions are numbered with 24 bits; counts stay below this.</summary>
        public const int MaxNamedCount = 1 << 24;

        /// <summary>Vendor ids are 16 bits.</summary>
        public const int MaxVendors = 1 << 16;

        /// <summary>Artifact entries are addressed with 32-bit file offsets; the compiler stops well before.</summary>
        public const int MaxArtifacts = 1 << 28;

        /// <summary>
        /// Most releases one artifact may belong to (one image can serve several boards: OpenWrt 23.05.5 has images
        /// listing up to 15 board names in supported_devices). The reader's cost is 4 bytes of RAM each.
        /// </summary>
        public const int MaxIdentitiesPerArtifact = 32;

        /// <summary>Most models (or versions) that may share one 32-bit key, so a lookup stays bounded.</summary>
        public const int MaxSameKey = 8;

        /// <summary>Most exploit rows a database may hold for one vendor, so a lookup stays bounded.</summary>
        public const int MaxExploitRowsPerVendor = 256;

        public const int MaxPatternPrefixChars = 255;

        /// <summary>Exploit flag: the CVE is named in connection with the 2024 Flax Typhoon botnet advisory.</summary>
        public const int ExploitFlagBotnet2024 = 1;

        public static readonly byte[] Magic = new byte[] { (byte)'F', (byte)'G', (byte)'H', (byte)'A', (byte)'S', (byte)'H', (byte)'D', (byte)'B' };

        // Header field offsets.
        public const int OffsetMagic = 0;
        public const int OffsetFormatVersion = 8;
        public const int OffsetFlags = 10;
        public const int OffsetDatabaseVersion = 12;
        public const int OffsetCreated = 16;
        public const int OffsetSignerKeyId = 24;
        public const int OffsetApplianceKeyId = 32;
        public const int KeyIdBytes = 8;

        // Counts, 4 bytes each.
        public const int OffsetArtifactCount = 40;
        public const int OffsetReleaseCount = 44;
        public const int OffsetModelCount = 48;
        public const int OffsetVersionCount = 52;
        public const int OffsetVendorCount = 56;
        public const int OffsetExploitCount = 60;

        // Sizes, 1 byte each.
        public const int OffsetArtifactBucketBytes = 64;
        public const int OffsetArtifactEntryBytes = 65;
        public const int OffsetModelBucketBytes = 66;
        public const int OffsetModelEntryBytes = 67;
        public const int OffsetVersionBucketBytes = 68;
        public const int OffsetVersionEntryBytes = 69;
        public const int OffsetReleaseEntryBytes = 70;
        public const int OffsetReleaseVersionBits = 71;

        // Section offsets from the start of the file, 4 bytes each, in file order.
        public const int OffsetArtifactDirectory = 72;
        public const int OffsetArtifactEntries = 76;
        public const int OffsetReleaseEntries = 80;
        public const int OffsetModelDirectory = 84;
        public const int OffsetModelEntries = 88;
        public const int OffsetVersionDirectory = 92;
        public const int OffsetVersionEntries = 96;
        public const int OffsetVendorEntries = 100;
        public const int OffsetExploitEntries = 104;
        public const int OffsetStringTable = 108;
        public const int SectionOffsetCount = 10;

        public const int OffsetStringTableLength = 112;
        public const int OffsetTotalLength = 116;
        public const int OffsetReserved = 120;

        /// <summary>Directory width the compiler picks for a section of <paramref name="count"/> entries.</summary>
        public static int BucketBytesFor(int count)
        {
            if (count >= (1 << 18)) return 2;
            if (count >= (1 << 10)) return 1;
            return 0;
        }

        /// <summary>Bytes of a directory over B leading key bytes: none for B = 0, else 256^B + 1 four-byte entry indexes.</summary>
        public static int DirectoryBytes(int bucketBytes)
        {
            if (bucketBytes == 0) return 0;
            return ((1 << (8 * bucketBytes)) + 1) * 4;
        }

        public static int ArtifactEntryBytes(int bucketBytes)
        {
            return ArtifactHashBytes - bucketBytes + ReleaseRefBytes;
        }

        public static int ModelEntryBytes(int bucketBytes)
        {
            return NameKeyBytes - bucketBytes + VendorIdBytes + StringRefBytes + ReleaseRefBytes;
        }

        public static int VersionEntryBytes(int bucketBytes)
        {
            return NameKeyBytes - bucketBytes + StringRefBytes;
        }

        /// <summary>Bits that number <paramref name="count"/> items (ids 0 .. count-1), at least 1.</summary>
        public static int BitsFor(int count)
        {
            int bits = 1;
            while (bits < 31 && (1 << bits) < count) bits++;
            return bits;
        }

        /// <summary>Bytes of a release entry: model id and version id packed into whole bytes.</summary>
        public static int ReleaseEntryBytes(int modelCount, int versionCount)
        {
            return (BitsFor(modelCount) + BitsFor(versionCount) + 7) / 8;
        }
    }
}
