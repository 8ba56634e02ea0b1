using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Looks firmware up in a compiled database (<see cref="HashDbFormat"/>) through ranged reads, holding only
    /// the header, one read buffer and a few small scratch arrays. <see cref="Open"/> refuses a file that is
    /// missing, malformed, made for another appliance, or altered (HMAC-SHA256 with the appliance key over
    /// everything before the MAC). Lookups after that throw <see cref="FormatException"/> if storage returns
    /// something inconsistent; callers turn that into a "could not verify" verdict.
    /// </summary>
    public sealed class HashDbReader
    {
        public const int DefaultBufferBytes = 256;

        /// <summary>A string (1 length byte + up to 255 bytes) must fit in one read.</summary>
        public const int MinBufferBytes = 1 + HashDbFormat.MaxStringBytes;

        private const int MaxExploitMatches = 16;
        private const int IdentityScanLimit = 8;
        private static readonly byte[] KeyIdLabel = Utf8.GetBytes("flaxguard hash database key id");

        private readonly IBlobReader _blob;
        private readonly string _name;
        private readonly byte[] _buffer;
        private readonly byte[] _scratch = new byte[Sha256.HashBytes];
        private readonly byte[] _key = new byte[8];
        private readonly Sha256 _sha = new Sha256();

        private long _databaseVersion;
        private long _createdUnixSeconds;
        private string _signerKeyId;
        private int _artifactCount, _identityCount, _exploitCount;
        private int _artifactBucketBytes, _artifactEntryBytes, _identityBucketBytes, _identityEntryBytes;
        private long _artifactDirectory, _artifactEntries, _identityDirectory, _identityEntries, _exploitEntries, _strings;
        private int _stringsLength;

        private HashDbReader(IBlobReader blob, string name, int bufferBytes)
        {
            _blob = blob;
            _name = name;
            _buffer = new byte[bufferBytes];
        }

        public long DatabaseVersion { get { return _databaseVersion; } }

        public long CreatedUnixSeconds { get { return _createdUnixSeconds; } }

        /// <summary>Key id (hex) of the release key whose signed sources this database was compiled from.</summary>
        public string SignerKeyId { get { return _signerKeyId; } }

        public int ArtifactCount { get { return _artifactCount; } }

        public int IdentityCount { get { return _identityCount; } }

        public int ExploitCount { get { return _exploitCount; } }

        public int BufferBytes { get { return _buffer.Length; } }

        /// <summary>Public 8-byte id of an appliance key: HMAC of a fixed label, so it reveals nothing of the key.</summary>
        public static byte[] ApplianceKeyId(byte[] applianceKey)
        {
            return KeyIdOf(new HmacSha256(applianceKey));
        }

        private static byte[] KeyIdOf(HmacSha256 keyed)
        {
            keyed.Update(KeyIdLabel, 0, KeyIdLabel.Length);
            byte[] mac = keyed.Final();
            byte[] id = new byte[HashDbFormat.KeyIdBytes];
            Array.Copy(mac, 0, id, 0, id.Length);
            return id;
        }

        /// <summary>
        /// Opens and authenticates the database stored under <paramref name="name"/>. Returns null and a
        /// sentence in <paramref name="problem"/> when it cannot be used.
        /// </summary>
        public static HashDbReader Open(IBlobReader blob, string name, byte[] applianceKey, int bufferBytes, out string problem)
        {
            if (blob == null) throw new ArgumentNullException("blob");
            if (applianceKey == null) throw new ArgumentNullException("applianceKey");
            if (bufferBytes < MinBufferBytes) throw new ArgumentOutOfRangeException("bufferBytes");
            problem = null;
            long length = blob.Length(name);
            if (length < 0)
            {
                problem = "no firmware database is installed";
                return null;
            }
            if (length < HashDbFormat.HeaderBytes + HashDbFormat.MacBytes || length > int.MaxValue)
            {
                problem = "the firmware database has an impossible size (" + length.ToString() + " bytes)";
                return null;
            }

            HashDbReader reader = new HashDbReader(blob, name, bufferBytes);
            try
            {
                problem = reader.Authenticate(applianceKey, length);
                if (problem == null) problem = reader.ParseHeader(length);
            }
            catch (Exception e)
            {
                // Storage errors (I/O, a file that shrank) are as much "cannot use it" as a malformed file.
                problem = "the firmware database could not be read: " + e.Message;
            }
            return problem == null ? reader : null;
        }

        /// <summary>The identities (at most <see cref="HashDbFormat.MaxIdentitiesPerArtifact"/>) whose published image has this SHA-256.</summary>
        public FirmwareIdentity[] FindByArtifact(byte[] sha256)
        {
            if (sha256 == null || sha256.Length != Sha256.HashBytes) throw new ArgumentException("a SHA-256 digest is 32 bytes", "sha256");
            int bucketBytes = _artifactBucketBytes;
            int entryBytes = _artifactEntryBytes;
            int stored = HashDbFormat.ArtifactHashBytes - bucketBytes;
            int bucket = Bucket(sha256, bucketBytes);
            int lo, hi;
            ReadDirectory(_artifactDirectory, bucket, _artifactCount, out lo, out hi);
            int end = hi;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                ReadFully(_artifactEntries + (long)mid * entryBytes, entryBytes);
                if (CompareStored(_buffer, 0, sha256, bucketBytes, stored) < 0) lo = mid + 1;
                else hi = mid;
            }
            int available = end - lo;
            if (available <= 0) return new FirmwareIdentity[0];
            int take = available < HashDbFormat.MaxIdentitiesPerArtifact ? available : HashDbFormat.MaxIdentitiesPerArtifact;
            ReadFully(_artifactEntries + (long)lo * entryBytes, take * entryBytes);
            int[] indexes = new int[take];
            int found = 0;
            for (int k = 0; k < take; k++)
            {
                int at = k * entryBytes;
                if (CompareStored(_buffer, at, sha256, bucketBytes, stored) != 0) break;
                indexes[found++] = ReadUInt24(_buffer, at + stored);
            }
            FirmwareIdentity[] result = new FirmwareIdentity[found];
            for (int k = 0; k < found; k++) result[k] = ReadIdentity(indexes[k]);
            return result;
        }

        /// <summary>The known-good identity with exactly this vendor, model and version (after normalization), or null.</summary>
        public FirmwareIdentity FindIdentity(string vendor, string model, string version)
        {
            string v = IdentityText.Normalize(vendor);
            string m = IdentityText.Normalize(model);
            string r = IdentityText.Normalize(version);
            if (v.Length == 0 || m.Length == 0 || r.Length == 0) return null;
            IdentityText.Key(_sha, v, m, r, _scratch, _key, HashDbFormat.IdentityKeyBytes);
            int bucketBytes = _identityBucketBytes;
            int entryBytes = _identityEntryBytes;
            int stored = HashDbFormat.IdentityKeyBytes - bucketBytes;
            int lo, hi;
            ReadDirectory(_identityDirectory, Bucket(_key, bucketBytes), _identityCount, out lo, out hi);
            int end = hi;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                ReadFully(_identityEntries + (long)mid * entryBytes, entryBytes);
                if (CompareStored(_buffer, 0, _key, bucketBytes, stored) < 0) lo = mid + 1;
                else hi = mid;
            }
            // Equal 40-bit keys are rare; each candidate is confirmed against its strings.
            for (int index = lo; index < end && index < lo + IdentityScanLimit; index++)
            {
                ReadFully(_identityEntries + (long)index * entryBytes, entryBytes);
                if (CompareStored(_buffer, 0, _key, bucketBytes, stored) != 0) break;
                int vendorModelRef = ReadUInt24(_buffer, stored);
                int versionRef = ReadUInt24(_buffer, stored + 3);
                string vendorModel = ReadString(vendorModelRef);
                int split = vendorModel.IndexOf(HashDbFormat.VendorModelSeparator);
                if (split < 0) throw new FormatException("identity string has no vendor/model separator");
                string storedVendor = vendorModel.Substring(0, split);
                string storedModel = vendorModel.Substring(split + 1);
                if (IdentityText.Normalize(storedVendor) != v || IdentityText.Normalize(storedModel) != m) continue;
                string storedVersion = ReadString(versionRef);
                if (IdentityText.Normalize(storedVersion) != r) continue;
                return new FirmwareIdentity(storedVendor, storedModel, storedVersion);
            }
            return null;
        }

        /// <summary>
        /// Known-exploited rows for this vendor whose model pattern matches and whose affected range
        /// contains the version, or does not say (status <see cref="VersionRange.Undetermined"/>).
        /// </summary>
        public ExploitMatch[] FindExploits(string vendor, string model, string version)
        {
            string v = IdentityText.Normalize(vendor);
            string m = IdentityText.Normalize(model);
            if (_exploitCount == 0 || v.Length == 0) return new ExploitMatch[0];
            IdentityText.Key(_sha, v, null, null, _scratch, _key, 4);
            byte[] vendorKey = new byte[4];
            Array.Copy(_key, 0, vendorKey, 0, 4);
            int entryBytes = HashDbFormat.ExploitEntryBytes;
            int lo = 0, hi = _exploitCount;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                ReadFully(_exploitEntries + (long)mid * entryBytes, entryBytes);
                if (CompareStored(_buffer, 0, vendorKey, 0, 4) < 0) lo = mid + 1;
                else hi = mid;
            }

            ExploitMatch[] matches = new ExploitMatch[MaxExploitMatches];
            int found = 0;
            int perRead = _buffer.Length / entryBytes;
            int chunkStart = -1, chunkCount = 0;
            int limit = lo + HashDbFormat.MaxExploitRowsPerVendor;
            for (int index = lo; index < _exploitCount && index < limit && found < MaxExploitMatches; index++)
            {
                if (index >= chunkStart + chunkCount)
                {
                    chunkStart = index;
                    chunkCount = _exploitCount - index < perRead ? _exploitCount - index : perRead;
                    ReadFully(_exploitEntries + (long)index * entryBytes, chunkCount * entryBytes);
                }
                int at = (index - chunkStart) * entryBytes;
                if (CompareStored(_buffer, at, vendorKey, 0, 4) != 0) break;
                int prefixLength = _buffer[at + 8];
                if (prefixLength > m.Length) continue;
                IdentityText.Key(_sha, m.Substring(0, prefixLength), null, null, _scratch, _key, 4);
                if (CompareStored(_buffer, at + 4, _key, 0, 4) != 0) continue;

                int flags = _buffer[at + 9];
                int vendorRef = ReadUInt24(_buffer, at + 10);
                int patternRef = ReadUInt24(_buffer, at + 13);
                int affectedRef = ReadUInt24(_buffer, at + 16);
                int fixedRef = ReadUInt24(_buffer, at + 19);
                int cveRef = ReadUInt24(_buffer, at + 22);
                chunkCount = 0; // reading strings reuses the buffer; reload the next entries
                string pattern = ReadString(patternRef);
                if (!Ordinal.GlobMatch(IdentityText.Normalize(pattern), m)) continue;
                string affected = ReadString(affectedRef);
                int status = VersionRange.Evaluate(affected, version);
                if (status == VersionRange.NotAffected) continue;
                matches[found++] = new ExploitMatch(ReadString(vendorRef), pattern, affected, ReadString(fixedRef), ReadString(cveRef), status,
                    (flags & HashDbFormat.ExploitFlagBotnet2024) != 0);
            }
            ExploitMatch[] result = new ExploitMatch[found];
            Array.Copy(matches, 0, result, 0, found);
            return result;
        }

        private string Authenticate(byte[] applianceKey, long length)
        {
            ReadFully(0, HashDbFormat.HeaderBytes);
            for (int i = 0; i < HashDbFormat.Magic.Length; i++)
            {
                if (_buffer[i] != HashDbFormat.Magic[i]) return "the file is not a FlaxGuard firmware database";
            }
            int format = ReadUInt16(_buffer, HashDbFormat.OffsetFormatVersion);
            if (format != HashDbFormat.FormatVersion) return "the firmware database has format version " + format.ToString() + ", this engine reads version " + HashDbFormat.FormatVersion.ToString();
            // One keyed HMAC instance serves the key id and the MAC: the appliance has little RAM to spare.
            HmacSha256 hmac = new HmacSha256(applianceKey);
            byte[] expectedId = KeyIdOf(hmac);
            bool sameKey = true;
            for (int i = 0; i < HashDbFormat.KeyIdBytes; i++)
            {
                if (_buffer[HashDbFormat.OffsetApplianceKeyId + i] != expectedId[i]) sameKey = false;
            }
            if (!sameKey)
            {
                return "the firmware database was authenticated for another appliance (key id " + Hex.Encode(_buffer, HashDbFormat.OffsetApplianceKeyId, HashDbFormat.KeyIdBytes)
                    + ", this appliance's key id is " + Hex.Encode(expectedId) + "); compile it for this appliance";
            }

            long macStart = length - HashDbFormat.MacBytes;
            long offset = 0;
            while (offset < macStart)
            {
                long left = macStart - offset;
                int n = left < _buffer.Length ? (int)left : _buffer.Length;
                ReadFully(offset, n);
                hmac.Update(_buffer, 0, n);
                offset += n;
            }
            byte[] expected = hmac.Final();
            ReadFully(macStart, HashDbFormat.MacBytes);
            byte[] actual = new byte[HashDbFormat.MacBytes];
            Array.Copy(_buffer, 0, actual, 0, actual.Length);
            if (!ConstantTime.Equals(expected, actual)) return "the firmware database failed its integrity check (altered or damaged); install a freshly compiled one";
            return null;
        }

        private string ParseHeader(long length)
        {
            ReadFully(0, HashDbFormat.HeaderBytes);
            byte[] h = _buffer;
            if (ReadUInt16(h, HashDbFormat.OffsetFlags) != 0) return "the firmware database uses flags this engine does not know";
            for (int i = HashDbFormat.OffsetReserved; i < HashDbFormat.HeaderBytes; i++)
            {
                if (h[i] != 0) return "the firmware database header has non-zero reserved bytes";
            }
            _databaseVersion = ReadUInt32(h, HashDbFormat.OffsetDatabaseVersion);
            _createdUnixSeconds = ((long)ReadUInt32(h, HashDbFormat.OffsetCreated) << 32) | ReadUInt32(h, HashDbFormat.OffsetCreated + 4);
            _signerKeyId = Hex.Encode(h, HashDbFormat.OffsetSignerKeyId, HashDbFormat.KeyIdBytes);
            long artifactCount = ReadUInt32(h, HashDbFormat.OffsetArtifactCount);
            long identityCount = ReadUInt32(h, HashDbFormat.OffsetIdentityCount);
            long exploitCount = ReadUInt32(h, HashDbFormat.OffsetExploitCount);
            _artifactBucketBytes = h[HashDbFormat.OffsetArtifactBucketBytes];
            _artifactEntryBytes = h[HashDbFormat.OffsetArtifactEntryBytes];
            _identityBucketBytes = h[HashDbFormat.OffsetIdentityBucketBytes];
            _identityEntryBytes = h[HashDbFormat.OffsetIdentityEntryBytes];
            _artifactDirectory = ReadUInt32(h, HashDbFormat.OffsetArtifactDirectory);
            _artifactEntries = ReadUInt32(h, HashDbFormat.OffsetArtifactEntries);
            _identityDirectory = ReadUInt32(h, HashDbFormat.OffsetIdentityDirectory);
            _identityEntries = ReadUInt32(h, HashDbFormat.OffsetIdentityEntries);
            _exploitEntries = ReadUInt32(h, HashDbFormat.OffsetExploitEntries);
            _strings = ReadUInt32(h, HashDbFormat.OffsetStringTable);
            long stringsLength = ReadUInt32(h, HashDbFormat.OffsetStringTableLength);
            long total = ReadUInt32(h, HashDbFormat.OffsetTotalLength);

            const long MaxCount = 1 << 24; // identity indexes are 24 bits
            bool ok = total == length
                && _artifactBucketBytes <= 2 && _identityBucketBytes <= 2
                && _artifactEntryBytes == HashDbFormat.ArtifactEntryBytes(_artifactBucketBytes)
                && _identityEntryBytes == HashDbFormat.IdentityEntryBytes(_identityBucketBytes)
                && artifactCount <= MaxCount && identityCount <= MaxCount && exploitCount <= MaxCount
                && stringsLength <= HashDbFormat.MaxStringTableBytes
                && _artifactDirectory == HashDbFormat.HeaderBytes
                && _artifactEntries == _artifactDirectory + HashDbFormat.DirectoryBytes(_artifactBucketBytes)
                && _identityDirectory == _artifactEntries + artifactCount * _artifactEntryBytes
                && _identityEntries == _identityDirectory + HashDbFormat.DirectoryBytes(_identityBucketBytes)
                && _exploitEntries == _identityEntries + identityCount * _identityEntryBytes
                && _strings == _exploitEntries + exploitCount * HashDbFormat.ExploitEntryBytes
                && _strings + stringsLength == length - HashDbFormat.MacBytes;
            if (!ok) return "the firmware database layout is inconsistent";
            _artifactCount = (int)artifactCount;
            _identityCount = (int)identityCount;
            _exploitCount = (int)exploitCount;
            _stringsLength = (int)stringsLength;
            return null;
        }

        private FirmwareIdentity ReadIdentity(int index)
        {
            if (index < 0 || index >= _identityCount) throw new FormatException("artifact points at identity " + index.ToString() + " of " + _identityCount.ToString());
            int stored = HashDbFormat.IdentityKeyBytes - _identityBucketBytes;
            ReadFully(_identityEntries + (long)index * _identityEntryBytes, _identityEntryBytes);
            int vendorModelRef = ReadUInt24(_buffer, stored);
            int versionRef = ReadUInt24(_buffer, stored + 3);
            string vendorModel = ReadString(vendorModelRef);
            int split = vendorModel.IndexOf(HashDbFormat.VendorModelSeparator);
            if (split < 0) throw new FormatException("identity string has no vendor/model separator");
            return new FirmwareIdentity(vendorModel.Substring(0, split), vendorModel.Substring(split + 1), ReadString(versionRef));
        }

        private string ReadString(int reference)
        {
            if (reference < 0 || reference >= _stringsLength) throw new FormatException("string reference " + reference.ToString() + " is outside the string table");
            int left = _stringsLength - reference;
            int n = left < _buffer.Length ? left : _buffer.Length;
            ReadFully(_strings + reference, n);
            int length = _buffer[0];
            if (1 + length > n) throw new FormatException("string at " + reference.ToString() + " runs past the string table");
            string text = Utf8.TryDecode(_buffer, 1, length);
            if (text == null) throw new FormatException("string at " + reference.ToString() + " is not valid UTF-8");
            return text;
        }

        private void ReadDirectory(long directory, int bucket, int count, out int lo, out int hi)
        {
            ReadFully(directory + (long)bucket * 4, 8);
            long first = ReadUInt32(_buffer, 0);
            long last = ReadUInt32(_buffer, 4);
            if (first > last || last > count) throw new FormatException("directory bucket " + bucket.ToString() + " is out of order");
            lo = (int)first;
            hi = (int)last;
        }

        private void ReadFully(long offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n = _blob.Read(_name, offset + done, _buffer, done, count - done);
                if (n <= 0) throw new FormatException("storage returned no data at byte " + (offset + done).ToString());
                if (n > count - done) throw new FormatException("storage returned more than was asked for");
                done += n;
            }
        }

        private static int Bucket(byte[] key, int bucketBytes)
        {
            if (bucketBytes == 0) return 0;
            if (bucketBytes == 1) return key[0];
            return (key[0] << 8) | key[1];
        }

        /// <summary>Compares stored key bytes with key[from .. from+count) as unsigned big-endian numbers.</summary>
        private static int CompareStored(byte[] data, int at, byte[] key, int from, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int d = data[at + i] - key[from + i];
                if (d != 0) return d;
            }
            return 0;
        }

        private static int ReadUInt16(byte[] data, int at)
        {
            return (data[at] << 8) | data[at + 1];
        }

        private static int ReadUInt24(byte[] data, int at)
        {
            return (data[at] << 16) | (data[at + 1] << 8) | data[at + 2];
        }

        private static long ReadUInt32(byte[] data, int at)
        {
            return ((long)data[at] << 24) | ((long)data[at + 1] << 16) | ((long)data[at + 2] << 8) | data[at + 3];
        }
    }
}
