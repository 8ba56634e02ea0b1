using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Looks firmware up in a compiled database (<see cref="HashDbFormat"/>) through ranged reads, holding only
    /// the header fields, one read buffer and a few small scratch arrays. <see cref="Open"/> refuses a file that
    /// is missing, malformed, made for another appliance, or altered (HMAC-SHA256 with the appliance key over
    /// everything before the MAC). Lookups after that throw <see cref="FormatException"/> if storage returns
    /// something inconsistent; callers turn that into a "could not verify" verdict.
    /// </summary>
    public sealed class HashDbReader
    {
        public const int DefaultBufferBytes = 256;

        /// <summary>A string (1 length byte + up to 255 bytes) must fit in one read.</summary>
        public const int MinBufferBytes = 1 + HashDbFormat.MaxStringBytes;

        private const int MaxExploitMatches = 16;
        private static readonly byte[] KeyIdLabel = Utf8.GetBytes("flaxguard hash database key id");

        private readonly IBlobReader _blob;
        private readonly string _name;
        private readonly byte[] _buffer;
        private readonly byte[] _scratch = new byte[Sha256.HashBytes];
        private readonly byte[] _key = new byte[8];
        private readonly Sha256 _sha = new Sha256();

        // Which section's entries the buffer holds (by file offset), from which index, how many.
        private long _windowSection = -1;
        private int _windowStart, _windowCount;

        private long _databaseVersion;
        private long _createdUnixSeconds;
        private string _signerKeyId;
        private int _artifactCount, _releaseCount, _modelCount, _versionCount, _vendorCount, _exploitCount;
        private int _artifactBucketBytes, _artifactEntryBytes, _modelBucketBytes, _modelEntryBytes, _versionBucketBytes, _versionEntryBytes;
        private int _releaseEntryBytes, _releaseVersionBits;
        private long _artifactDirectory, _artifactEntries, _releaseEntries, _modelDirectory, _modelEntries;
        private long _versionDirectory, _versionEntries, _vendorEntries, _exploitEntries, _strings;
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

        /// <summary>Published releases: distinct (vendor, model, version).</summary>
        public int ReleaseCount { get { return _releaseCount; } }

        /// <summary>Distinct (vendor, model).</summary>
        public int ModelCount { get { return _modelCount; } }

        public int VersionCount { get { return _versionCount; } }

        public int VendorCount { get { return _vendorCount; } }

        public int ExploitCount { get { return _exploitCount; } }

        public int BufferBytes { get { return _buffer.Length; } }

        /// <summary>Public 8-byte id of an appliance key: HMAC of a fixed label, so it reveals nothing of the key.</summary>
        public static byte[] ApplianceKeyId(byte[] applianceKey)
        {
            return KeyIdOf(new Hmac(new Sha256(), new Sha256(), applianceKey));
        }

        private static byte[] KeyIdOf(Hmac keyed)
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

        /// <summary>The releases (at most <see cref="HashDbFormat.MaxIdentitiesPerArtifact"/>) whose published image has this SHA-256.</summary>
        public FirmwareIdentity[] FindByArtifact(byte[] sha256)
        {
            if (sha256 == null || sha256.Length != Sha256.HashBytes) throw new ArgumentException("a SHA-256 digest is 32 bytes", "sha256");
            int bucketBytes = _artifactBucketBytes;
            int entryBytes = _artifactEntryBytes;
            int stored = HashDbFormat.ArtifactHashBytes - bucketBytes;
            int lo, end;
            ReadDirectory(_artifactDirectory, bucketBytes, Bucket(sha256, bucketBytes), _artifactCount, out lo, out end);
            int first = Seek(_artifactEntries, entryBytes, _artifactCount, lo, end, sha256, bucketBytes, stored, true);

            int[] releases = new int[HashDbFormat.MaxIdentitiesPerArtifact];
            int found = 0;
            for (int index = first; index < end && found < releases.Length; index++)
            {
                int at = EntryAt(_artifactEntries, entryBytes, index, _artifactCount, releases.Length - found);
                if (CompareStored(_buffer, at, sha256, bucketBytes, stored) != 0) break;
                releases[found++] = ReadUInt24(_buffer, at + stored);
            }
            FirmwareIdentity[] result = new FirmwareIdentity[found];
            int vendorId = -1, versionId = -1;
            for (int k = 0; k < found; k++) result[k] = ReadRelease(releases[k], k > 0 ? result[k - 1] : null, ref vendorId, ref versionId);
            return result;
        }

        /// <summary>The known-good release with exactly this vendor, model and version (after normalization), or null.</summary>
        public FirmwareIdentity FindIdentity(string vendor, string model, string version)
        {
            string v = IdentityText.Normalize(vendor);
            string m = IdentityText.Normalize(model);
            string r = IdentityText.Normalize(version);
            if (v.Length == 0 || m.Length == 0 || r.Length == 0) return null;

            // The model: equal 32-bit keys are rare, each candidate is confirmed against its names.
            IdentityText.Key(_sha, v, m, null, _scratch, _key, HashDbFormat.NameKeyBytes);
            int bucketBytes = _modelBucketBytes;
            int stored = HashDbFormat.NameKeyBytes - bucketBytes;
            int lo, end;
            ReadDirectory(_modelDirectory, bucketBytes, Bucket(_key, bucketBytes), _modelCount, out lo, out end);
            int first = Seek(_modelEntries, _modelEntryBytes, _modelCount, lo, end, _key, bucketBytes, stored, true);
            int modelId = -1, firstRelease = 0, endRelease = 0;
            string storedVendor = null, storedModel = null;
            for (int index = first; index < end && index < first + HashDbFormat.MaxSameKey && modelId < 0; index++)
            {
                // The next entry too: it says where this model's releases end.
                int at = EntryAt(_modelEntries, _modelEntryBytes, index, _modelCount, HashDbFormat.MaxSameKey + 1);
                if (CompareStored(_buffer, at, _key, bucketBytes, stored) != 0) break;
                int vendorId = ReadUInt16(_buffer, at + stored);
                int modelRef = ReadUInt24(_buffer, at + stored + HashDbFormat.VendorIdBytes);
                int runStart = ReadUInt24(_buffer, at + stored + HashDbFormat.VendorIdBytes + HashDbFormat.StringRefBytes);
                int runEnd = ModelRunEnd(index);
                string name = ReadString(modelRef);
                if (IdentityText.Normalize(name) != m) continue;
                string vendorName = ReadVendor(vendorId);
                if (IdentityText.Normalize(vendorName) != v) continue;
                modelId = index;
                firstRelease = runStart;
                endRelease = runEnd;
                storedVendor = vendorName;
                storedModel = name;
            }
            if (modelId < 0) return null;

            string storedVersion;
            int versionId = FindVersion(r, out storedVersion);
            if (versionId < 0) return null;

            // The release: the pair (model id, version id) inside the model's run.
            if (firstRelease > endRelease || endRelease > _releaseCount) throw new FormatException("model " + modelId.ToString() + " has an impossible release run");
            int releaseBytes = _releaseEntryBytes;
            long packed = ((long)modelId << _releaseVersionBits) | (long)versionId;
            for (int i = releaseBytes - 1; i >= 0; i--)
            {
                _key[i] = (byte)packed;
                packed >>= 8;
            }
            int release = Seek(_releaseEntries, releaseBytes, _releaseCount, firstRelease, endRelease, _key, 0, releaseBytes, false);
            if (release >= endRelease) return null;
            int entry = EntryAt(_releaseEntries, releaseBytes, release, _releaseCount, 1);
            if (CompareStored(_buffer, entry, _key, 0, releaseBytes) != 0) return null;
            return new FirmwareIdentity(storedVendor, storedModel, storedVersion);
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
            if (format != HashDbFormat.FormatVersion)
            {
                string advice = format < HashDbFormat.FormatVersion
                    ? "; it was compiled by an older flaxguard: compile it again with this release's 'flaxguard hashes compile'"
                    : "; it was compiled by a newer flaxguard: update the appliance's engine or compile with a matching release";
                return "the firmware database has format version " + format.ToString() + ", this engine reads only version " + HashDbFormat.FormatVersion.ToString() + advice;
            }
            // One keyed HMAC serves the key id and the MAC, and borrows the lookup hash as its inner pass:
            // the appliance has little RAM to spare.
            Hmac hmac = new Hmac(_sha, new Sha256(), applianceKey);
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

            long artifacts = ReadUInt32(h, HashDbFormat.OffsetArtifactCount);
            long releases = ReadUInt32(h, HashDbFormat.OffsetReleaseCount);
            long models = ReadUInt32(h, HashDbFormat.OffsetModelCount);
            long versions = ReadUInt32(h, HashDbFormat.OffsetVersionCount);
            long vendors = ReadUInt32(h, HashDbFormat.OffsetVendorCount);
            long exploits = ReadUInt32(h, HashDbFormat.OffsetExploitCount);
            // Every image has a release (a release may have none: firmware published without a hash), every model and
            // version a release, every vendor a model.
            bool countsOk = artifacts < HashDbFormat.MaxArtifacts && releases < HashDbFormat.MaxNamedCount && exploits < HashDbFormat.MaxNamedCount
                && models <= releases && versions <= releases && vendors <= models && vendors < HashDbFormat.MaxVendors
                && (artifacts == 0 || releases > 0) && (models == 0) == (releases == 0) && (versions == 0) == (releases == 0) && (vendors == 0) == (models == 0);
            if (!countsOk) return "the firmware database layout is inconsistent (impossible counts)";
            _artifactCount = (int)artifacts;
            _releaseCount = (int)releases;
            _modelCount = (int)models;
            _versionCount = (int)versions;
            _vendorCount = (int)vendors;
            _exploitCount = (int)exploits;

            _artifactBucketBytes = h[HashDbFormat.OffsetArtifactBucketBytes];
            _artifactEntryBytes = h[HashDbFormat.OffsetArtifactEntryBytes];
            _modelBucketBytes = h[HashDbFormat.OffsetModelBucketBytes];
            _modelEntryBytes = h[HashDbFormat.OffsetModelEntryBytes];
            _versionBucketBytes = h[HashDbFormat.OffsetVersionBucketBytes];
            _versionEntryBytes = h[HashDbFormat.OffsetVersionEntryBytes];
            _releaseEntryBytes = h[HashDbFormat.OffsetReleaseEntryBytes];
            _releaseVersionBits = h[HashDbFormat.OffsetReleaseVersionBits];
            bool sizesOk = _artifactBucketBytes == HashDbFormat.BucketBytesFor(_artifactCount)
                && _modelBucketBytes == HashDbFormat.BucketBytesFor(_modelCount)
                && _versionBucketBytes == HashDbFormat.BucketBytesFor(_versionCount)
                && _artifactEntryBytes == HashDbFormat.ArtifactEntryBytes(_artifactBucketBytes)
                && _modelEntryBytes == HashDbFormat.ModelEntryBytes(_modelBucketBytes)
                && _versionEntryBytes == HashDbFormat.VersionEntryBytes(_versionBucketBytes)
                && _releaseEntryBytes == HashDbFormat.ReleaseEntryBytes(_modelCount, _versionCount)
                && _releaseVersionBits == HashDbFormat.BitsFor(_versionCount);
            if (!sizesOk) return "the firmware database layout is inconsistent (entry sizes)";

            _artifactDirectory = ReadUInt32(h, HashDbFormat.OffsetArtifactDirectory);
            _artifactEntries = ReadUInt32(h, HashDbFormat.OffsetArtifactEntries);
            _releaseEntries = ReadUInt32(h, HashDbFormat.OffsetReleaseEntries);
            _modelDirectory = ReadUInt32(h, HashDbFormat.OffsetModelDirectory);
            _modelEntries = ReadUInt32(h, HashDbFormat.OffsetModelEntries);
            _versionDirectory = ReadUInt32(h, HashDbFormat.OffsetVersionDirectory);
            _versionEntries = ReadUInt32(h, HashDbFormat.OffsetVersionEntries);
            _vendorEntries = ReadUInt32(h, HashDbFormat.OffsetVendorEntries);
            _exploitEntries = ReadUInt32(h, HashDbFormat.OffsetExploitEntries);
            _strings = ReadUInt32(h, HashDbFormat.OffsetStringTable);
            long stringsLength = ReadUInt32(h, HashDbFormat.OffsetStringTableLength);
            long total = ReadUInt32(h, HashDbFormat.OffsetTotalLength);
            // The sections follow one another with no gaps, in file order.
            bool offsetsOk = total == length
                && stringsLength <= HashDbFormat.MaxStringTableBytes
                && _artifactDirectory == HashDbFormat.HeaderBytes
                && _artifactEntries == _artifactDirectory + HashDbFormat.DirectoryBytes(_artifactBucketBytes)
                && _releaseEntries == _artifactEntries + artifacts * _artifactEntryBytes
                && _modelDirectory == _releaseEntries + releases * _releaseEntryBytes
                && _modelEntries == _modelDirectory + HashDbFormat.DirectoryBytes(_modelBucketBytes)
                && _versionDirectory == _modelEntries + models * _modelEntryBytes
                && _versionEntries == _versionDirectory + HashDbFormat.DirectoryBytes(_versionBucketBytes)
                && _vendorEntries == _versionEntries + versions * _versionEntryBytes
                && _exploitEntries == _vendorEntries + vendors * HashDbFormat.VendorEntryBytes
                && _strings == _exploitEntries + exploits * HashDbFormat.ExploitEntryBytes
                && _strings + stringsLength == length - HashDbFormat.MacBytes;
            if (!offsetsOk) return "the firmware database layout is inconsistent (section offsets)";
            _stringsLength = (int)stringsLength;
            return null;
        }

        /// <summary>
        /// Vendor, model and version of release <paramref name="release"/>: its entry, then its model, vendor and
        /// version. One image for several boards usually has one vendor and version: those of
        /// <paramref name="previous"/> (the release read just before, or null), whose ids are passed in and
        /// updated, are reused instead of read again.
        /// </summary>
        private FirmwareIdentity ReadRelease(int release, FirmwareIdentity previous, ref int previousVendorId, ref int previousVersionId)
        {
            if (release < 0 || release >= _releaseCount) throw new FormatException("artifact points at release " + release.ToString() + " of " + _releaseCount.ToString());
            int at = EntryAt(_releaseEntries, _releaseEntryBytes, release, _releaseCount, 1);
            long packed = 0;
            for (int i = 0; i < _releaseEntryBytes; i++) packed = (packed << 8) | _buffer[at + i];
            long modelId = packed >> _releaseVersionBits;
            long versionId = packed & ((1L << _releaseVersionBits) - 1);
            if (modelId >= _modelCount || versionId >= _versionCount) throw new FormatException("release " + release.ToString() + " names a model or version that does not exist");

            int stored = HashDbFormat.NameKeyBytes - _modelBucketBytes;
            at = EntryAt(_modelEntries, _modelEntryBytes, (int)modelId, _modelCount, 1);
            int vendorId = ReadUInt16(_buffer, at + stored);
            int modelRef = ReadUInt24(_buffer, at + stored + HashDbFormat.VendorIdBytes);
            bool sameVendor = previous != null && vendorId == previousVendorId;
            bool sameVersion = previous != null && versionId == previousVersionId;
            int versionRef = 0;
            if (!sameVersion)
            {
                at = EntryAt(_versionEntries, _versionEntryBytes, (int)versionId, _versionCount, 1);
                versionRef = ReadUInt24(_buffer, at + HashDbFormat.NameKeyBytes - _versionBucketBytes);
            }
            string vendor = sameVendor ? previous.Vendor : ReadVendor(vendorId);
            string model = ReadString(modelRef);
            string version = sameVersion ? previous.Version : ReadString(versionRef);
            previousVendorId = vendorId;
            previousVersionId = (int)versionId;
            return new FirmwareIdentity(vendor, model, version);
        }

        /// <summary>Where the release run of model <paramref name="modelId"/> ends: the next model's first release, or the end.</summary>
        private int ModelRunEnd(int modelId)
        {
            if (modelId + 1 >= _modelCount) return _releaseCount;
            int at = EntryAt(_modelEntries, _modelEntryBytes, modelId + 1, _modelCount, 1);
            return ReadUInt24(_buffer, at + HashDbFormat.NameKeyBytes - _modelBucketBytes + HashDbFormat.VendorIdBytes + HashDbFormat.StringRefBytes);
        }

        /// <summary>The version id of normalized version <paramref name="normalized"/> and its stored spelling, or -1.</summary>
        private int FindVersion(string normalized, out string storedVersion)
        {
            storedVersion = null;
            IdentityText.Key(_sha, normalized, null, null, _scratch, _key, HashDbFormat.NameKeyBytes);
            int bucketBytes = _versionBucketBytes;
            int stored = HashDbFormat.NameKeyBytes - bucketBytes;
            int lo, end;
            ReadDirectory(_versionDirectory, bucketBytes, Bucket(_key, bucketBytes), _versionCount, out lo, out end);
            int first = Seek(_versionEntries, _versionEntryBytes, _versionCount, lo, end, _key, bucketBytes, stored, true);
            for (int index = first; index < end && index < first + HashDbFormat.MaxSameKey; index++)
            {
                int at = EntryAt(_versionEntries, _versionEntryBytes, index, _versionCount, HashDbFormat.MaxSameKey);
                if (CompareStored(_buffer, at, _key, bucketBytes, stored) != 0) break;
                string text = ReadString(ReadUInt24(_buffer, at + stored));
                if (IdentityText.Normalize(text) != normalized) continue;
                storedVersion = text;
                return index;
            }
            return -1;
        }

        private string ReadVendor(int vendorId)
        {
            if (vendorId >= _vendorCount) throw new FormatException("a model names vendor " + vendorId.ToString() + " of " + _vendorCount.ToString());
            int at = EntryAt(_vendorEntries, HashDbFormat.VendorEntryBytes, vendorId, _vendorCount, 1);
            return ReadString(ReadUInt24(_buffer, at));
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

        /// <summary>
        /// Index of the first entry in [lo, end) of a sorted section of <paramref name="sectionCount"/> entries whose
        /// stored key is not below key[from .. from+count), or end; the entries from the answer on stay in the buffer.
        /// Keys that are leading bytes of SHA-256 values (<paramref name="evenKeys"/>) are spread evenly, so the
        /// first read is a buffer full of entries around where the key should be, which usually holds the answer.
        /// Otherwise, and when the guess misses, it binary-searches with one-entry reads until the rest fits in
        /// the buffer, then reads that at once.
        /// </summary>
        private int Seek(long section, int entryBytes, int sectionCount, int lo, int end, byte[] key, int from, int count, bool evenKeys)
        {
            int perRead = _buffer.Length / entryBytes;
            int hi = end;
            // Invariant: entries below lo are < key, entries at hi and beyond are >= key.
            if (evenKeys && count >= 2 && hi - lo > perRead)
            {
                int fraction = (key[from] << 8) | key[from + 1];
                int start = lo + (int)(((long)(hi - lo) * fraction) >> 16) - perRead / 2;
                if (start < lo) start = lo;
                if (start > hi - perRead) start = hi - perRead;
                LoadWindow(section, entryBytes, start, perRead);
                if (CompareStored(_buffer, 0, key, from, count) >= 0)
                {
                    hi = start;
                }
                else if (CompareStored(_buffer, (perRead - 1) * entryBytes, key, from, count) < 0)
                {
                    lo = start + perRead;
                }
                else
                {
                    int inside = start + 1;
                    while (CompareStored(_buffer, (inside - start) * entryBytes, key, from, count) < 0) inside++;
                    return inside;
                }
            }
            while (hi - lo >= perRead)
            {
                int mid = lo + ((hi - lo) >> 1);
                ReadFully(section + (long)mid * entryBytes, entryBytes);
                if (CompareStored(_buffer, 0, key, from, count) < 0) lo = mid + 1;
                else hi = mid;
            }
            // One read for the rest (hi - lo < perRead, so entry hi is in it), and enough after it for a run of equal keys.
            int span = hi - lo + HashDbFormat.MaxSameKey;
            int index = lo;
            while (index < hi)
            {
                int at = EntryAt(section, entryBytes, index, sectionCount, span);
                if (CompareStored(_buffer, at, key, from, count) >= 0) break;
                index++;
            }
            return index;
        }

        /// <summary>Buffer offset of entry <paramref name="index"/> of a section, reading it and at most <paramref name="span"/> - 1 following ones (up to <paramref name="end"/>) if needed.</summary>
        private int EntryAt(long section, int entryBytes, int index, int end, int span)
        {
            if (section != _windowSection || index < _windowStart || index >= _windowStart + _windowCount)
            {
                int perRead = _buffer.Length / entryBytes;
                if (span < perRead) perRead = span;
                int n = end - index < perRead ? end - index : perRead;
                if (n <= 0) throw new FormatException("entry " + index.ToString() + " is past its section");
                LoadWindow(section, entryBytes, index, n);
            }
            return (index - _windowStart) * entryBytes;
        }

        /// <summary>Reads <paramref name="n"/> entries of a section from <paramref name="index"/> on into the start of the buffer.</summary>
        private void LoadWindow(long section, int entryBytes, int index, int n)
        {
            ReadFully(section + (long)index * entryBytes, n * entryBytes);
            _windowSection = section;
            _windowStart = index;
            _windowCount = n;
        }

        private void ReadDirectory(long directory, int bucketBytes, int bucket, int count, out int lo, out int hi)
        {
            if (bucketBytes == 0)
            {
                lo = 0;
                hi = count;
                return;
            }
            ReadFully(directory + (long)bucket * 4, 8);
            long first = ReadUInt32(_buffer, 0);
            long last = ReadUInt32(_buffer, 4);
            if (first > last || last > count) throw new FormatException("directory bucket " + bucket.ToString() + " is out of order");
            lo = (int)first;
            hi = (int)last;
        }

        /// <summary>Reads exactly count bytes at offset into the start of the buffer (which then holds no section window).</summary>
        private void ReadFully(long offset, int count)
        {
            _windowCount = 0;
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
