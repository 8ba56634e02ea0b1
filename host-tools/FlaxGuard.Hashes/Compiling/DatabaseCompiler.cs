using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Compiling;

/// <summary>Settings of one compilation.</summary>
public sealed record CompileOptions(uint DatabaseVersion, byte[] SignerKeyId, byte[] ApplianceKey, long CreatedUnixSeconds);

/// <summary>Sizes of what was compiled.</summary>
public sealed record CompileSummary(int Artifacts, int Releases, int Models, int Versions, int Vendors, int Exploits, int StringBytes, long TotalBytes);

/// <summary>
/// Compiles verified source rows into the appliance's database (layout in <see cref="HashDbFormat"/>),
/// authenticated with HMAC-SHA256 under the appliance's key. Keys, normalization and the version grammar
/// come from the engine itself, so host and appliance cannot disagree.
/// </summary>
public static class DatabaseCompiler
{
    public static CompileSummary Compile(SourceSet sources, CompileOptions options, Stream output, IProgress<string>? progress = null)
        => Compile(sources.KnownGood.Select(r => (r.Vendor, r.Model, r.Version, r.HasHash ? Convert.FromHexString(r.Sha256) : [])), sources.KnownExploited, options, output, progress);

    /// <summary>
    /// Compiles artifacts given as (vendor, model, version, sha256) and exploit rows. An empty sha256 adds the release
    /// alone: a firmware the vendor publishes without a hash is then known by vendor, model and version.
    /// </summary>
    public static CompileSummary Compile(
        IEnumerable<(string Vendor, string Model, string Version, byte[] Sha256)> artifacts,
        IReadOnlyList<KnownExploitedRow> exploits, CompileOptions options, Stream output, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options.ApplianceKey);
        if (options.SignerKeyId.Length != HashDbFormat.KeyIdBytes) throw new ArgumentException("signer key id must be 8 bytes");
        var names = new NameCatalog();
        var artifactList = new List<ArtifactDraft>();
        foreach (var (vendor, model, version, digest) in artifacts)
        {
            int release = names.Release(vendor, model, version);
            if (digest.Length == 0) continue;
            if (digest.Length != 32) throw new HashDataException("an artifact hash is not 32 bytes");
            artifactList.Add(new ArtifactDraft(digest, release));
            if (artifactList.Count % 250_000 == 0) progress?.Report($"read {artifactList.Count:N0} artifacts");
            if (artifactList.Count >= HashDbFormat.MaxArtifacts) throw new HashDataException("too many artifacts");
        }

        progress?.Report("sorting");
        var layout = names.Arrange();
        var artifactArray = new ArtifactDraft[artifactList.Count];
        for (int i = 0; i < artifactArray.Length; i++)
        {
            var a = artifactList[i];
            artifactArray[i] = a with { Release = layout.ReleaseIndexOfDraft[a.Release] };
        }
        Array.Sort(artifactArray, ArtifactDraft.Compare);
        // Drop exact duplicates (the same file listed twice for one release); cap releases per image.
        var unique = new List<ArtifactDraft>(artifactArray.Length);
        int sameHashRun = 0;
        foreach (var a in artifactArray)
        {
            if (unique.Count > 0)
            {
                var last = unique[^1];
                bool sameKey = last.SameKey(a);
                if (sameKey && last.Release == a.Release) continue;
                sameHashRun = sameKey ? sameHashRun + 1 : 0;
                if (sameHashRun >= HashDbFormat.MaxIdentitiesPerArtifact)
                    throw new HashDataException($"artifact {Convert.ToHexStringLower(a.Sha256)} belongs to more than {HashDbFormat.MaxIdentitiesPerArtifact} firmware releases");
            }
            unique.Add(a);
        }

        var exploitDrafts = SortExploits(exploits);

        progress?.Report("writing");
        var strings = new StringTable();
        int aBucket = HashDbFormat.BucketBytesFor(unique.Count);
        int aEntry = HashDbFormat.ArtifactEntryBytes(aBucket);
        var artifactDirectory = BuildDirectory(unique.Select(a => a.Sha256), unique.Count, aBucket);
        var artifactBytes = new byte[(long)unique.Count * aEntry];
        int aStored = HashDbFormat.ArtifactHashBytes - aBucket;
        for (int i = 0; i < unique.Count; i++)
        {
            int at = i * aEntry;
            Array.Copy(unique[i].Sha256, aBucket, artifactBytes, at, aStored);
            WriteUInt24(artifactBytes, at + aStored, unique[i].Release);
        }

        int releaseEntry = HashDbFormat.ReleaseEntryBytes(layout.Models.Length, layout.Versions.Length);
        int versionBits = HashDbFormat.BitsFor(layout.Versions.Length);
        var releaseBytes = new byte[(long)layout.Releases.Length * releaseEntry];
        for (int i = 0; i < layout.Releases.Length; i++)
        {
            long packed = ((long)layout.Releases[i].Model << versionBits) | (long)layout.Releases[i].Version;
            for (int b = releaseEntry - 1; b >= 0; b--, packed >>= 8) releaseBytes[i * releaseEntry + b] = (byte)packed;
        }

        int mBucket = HashDbFormat.BucketBytesFor(layout.Models.Length);
        int mEntry = HashDbFormat.ModelEntryBytes(mBucket);
        int mStored = HashDbFormat.NameKeyBytes - mBucket;
        var modelDirectory = BuildDirectory(layout.Models.Select(m => m.Key), layout.Models.Length, mBucket);
        var modelBytes = new byte[(long)layout.Models.Length * mEntry];
        for (int i = 0; i < layout.Models.Length; i++)
        {
            var model = layout.Models[i];
            int at = i * mEntry;
            Array.Copy(model.Key, mBucket, modelBytes, at, mStored);
            BinaryPrimitives.WriteUInt16BigEndian(modelBytes.AsSpan(at + mStored), (ushort)layout.VendorIndexOfDraft[model.Vendor]);
            WriteUInt24(modelBytes, at + mStored + HashDbFormat.VendorIdBytes, strings.Add(model.Spelling));
            WriteUInt24(modelBytes, at + mStored + HashDbFormat.VendorIdBytes + HashDbFormat.StringRefBytes, layout.FirstReleaseOfModel[i]);
        }

        int vBucket = HashDbFormat.BucketBytesFor(layout.Versions.Length);
        int vEntry = HashDbFormat.VersionEntryBytes(vBucket);
        int vStored = HashDbFormat.NameKeyBytes - vBucket;
        var versionDirectory = BuildDirectory(layout.Versions.Select(v => v.Key), layout.Versions.Length, vBucket);
        var versionBytes = new byte[(long)layout.Versions.Length * vEntry];
        for (int i = 0; i < layout.Versions.Length; i++)
        {
            int at = i * vEntry;
            Array.Copy(layout.Versions[i].Key, vBucket, versionBytes, at, vStored);
            WriteUInt24(versionBytes, at + vStored, strings.Add(layout.Versions[i].Spelling));
        }

        var vendorBytes = new byte[layout.Vendors.Length * HashDbFormat.VendorEntryBytes];
        for (int i = 0; i < layout.Vendors.Length; i++) WriteUInt24(vendorBytes, i * HashDbFormat.VendorEntryBytes, strings.Add(layout.Vendors[i].Spelling));

        var exploitBytes = new byte[exploitDrafts.Count * HashDbFormat.ExploitEntryBytes];
        for (int i = 0; i < exploitDrafts.Count; i++)
        {
            var e = exploitDrafts[i];
            int at = i * HashDbFormat.ExploitEntryBytes;
            Array.Copy(e.VendorKey, 0, exploitBytes, at, 4);
            Array.Copy(e.PrefixKey, 0, exploitBytes, at + 4, 4);
            exploitBytes[at + 8] = (byte)e.PrefixLength;
            exploitBytes[at + 9] = (byte)(e.Row.Botnet2024 == "no" ? 0 : HashDbFormat.ExploitFlagBotnet2024);
            WriteUInt24(exploitBytes, at + 10, strings.Add(e.Row.Vendor));
            WriteUInt24(exploitBytes, at + 13, strings.Add(e.Row.ModelPattern));
            WriteUInt24(exploitBytes, at + 16, strings.Add(e.Row.Affected));
            WriteUInt24(exploitBytes, at + 19, strings.Add(e.Row.Fixed));
            WriteUInt24(exploitBytes, at + 22, strings.Add(e.Row.Cve));
        }
        var stringBytes = strings.ToArray();

        // Sections in file order; their offsets go into the header in the same order.
        var sections = new[] { artifactDirectory, artifactBytes, releaseBytes, modelDirectory, modelBytes, versionDirectory, versionBytes, vendorBytes, exploitBytes, stringBytes };
        long total = HashDbFormat.HeaderBytes + sections.Sum(s => (long)s.Length) + HashDbFormat.MacBytes;
        if (total > int.MaxValue) throw new HashDataException("the compiled database would exceed 2 GiB");

        var header = new byte[HashDbFormat.HeaderBytes];
        var h = header.AsSpan();
        HashDbFormat.Magic.CopyTo(header, HashDbFormat.OffsetMagic);
        BinaryPrimitives.WriteUInt16BigEndian(h[HashDbFormat.OffsetFormatVersion..], HashDbFormat.FormatVersion);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetDatabaseVersion..], options.DatabaseVersion);
        BinaryPrimitives.WriteInt64BigEndian(h[HashDbFormat.OffsetCreated..], options.CreatedUnixSeconds);
        options.SignerKeyId.CopyTo(header, HashDbFormat.OffsetSignerKeyId);
        HashDbReader.ApplianceKeyId(options.ApplianceKey).CopyTo(header, HashDbFormat.OffsetApplianceKeyId);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetArtifactCount..], (uint)unique.Count);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetReleaseCount..], (uint)layout.Releases.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetModelCount..], (uint)layout.Models.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetVersionCount..], (uint)layout.Versions.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetVendorCount..], (uint)layout.Vendors.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetExploitCount..], (uint)exploitDrafts.Count);
        header[HashDbFormat.OffsetArtifactBucketBytes] = (byte)aBucket;
        header[HashDbFormat.OffsetArtifactEntryBytes] = (byte)aEntry;
        header[HashDbFormat.OffsetModelBucketBytes] = (byte)mBucket;
        header[HashDbFormat.OffsetModelEntryBytes] = (byte)mEntry;
        header[HashDbFormat.OffsetVersionBucketBytes] = (byte)vBucket;
        header[HashDbFormat.OffsetVersionEntryBytes] = (byte)vEntry;
        header[HashDbFormat.OffsetReleaseEntryBytes] = (byte)releaseEntry;
        header[HashDbFormat.OffsetReleaseVersionBits] = (byte)versionBits;
        long offset = HashDbFormat.HeaderBytes;
        for (int i = 0; i < HashDbFormat.SectionOffsetCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(h[(HashDbFormat.OffsetArtifactDirectory + 4 * i)..], (uint)offset);
            offset += sections[i].Length;
        }
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetStringTableLength..], (uint)stringBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[HashDbFormat.OffsetTotalLength..], (uint)total);

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, options.ApplianceKey);
        hmac.AppendData(header);
        output.Write(header);
        foreach (var part in sections)
        {
            hmac.AppendData(part);
            output.Write(part);
        }
        output.Write(hmac.GetHashAndReset());
        return new CompileSummary(unique.Count, layout.Releases.Length, layout.Models.Length, layout.Versions.Length, layout.Vendors.Length,
            exploitDrafts.Count, stringBytes.Length, total);
    }

    /// <summary>Exploit rows sorted by vendor key, then the model prefix key, then CVE and pattern for a stable order.</summary>
    private static List<ExploitDraft> SortExploits(IReadOnlyList<KnownExploitedRow> exploits)
    {
        var sha = new FlaxGuard.Engine.Crypto.Sha256();
        var scratch = new byte[32];
        var drafts = new List<ExploitDraft>();
        foreach (var row in exploits)
        {
            var nv = IdentityText.Normalize(row.Vendor);
            var prefix = IdentityText.LiteralPrefix(IdentityText.Normalize(row.ModelPattern));
            if (prefix.Length > HashDbFormat.MaxPatternPrefixChars) throw new HashDataException($"model pattern '{row.ModelPattern}' has too long a literal start");
            var vendorKey = new byte[8];
            IdentityText.Key(sha, nv, null, null, scratch, vendorKey, 4);
            var prefixKey = new byte[8];
            IdentityText.Key(sha, prefix, null, null, scratch, prefixKey, 4);
            drafts.Add(new ExploitDraft(vendorKey, prefixKey, prefix.Length, row));
        }
        drafts.Sort((a, b) =>
        {
            int c = CompareBytes(a.VendorKey, b.VendorKey, 4);
            if (c == 0) c = CompareBytes(a.PrefixKey, b.PrefixKey, 4);
            if (c == 0) c = string.CompareOrdinal(a.Row.Cve, b.Row.Cve);
            return c != 0 ? c : string.CompareOrdinal(a.Row.ModelPattern, b.Row.ModelPattern);
        });
        foreach (var group in drafts.GroupBy(e => Convert.ToHexString(e.VendorKey, 0, 4)))
        {
            if (group.Count() > HashDbFormat.MaxExploitRowsPerVendor)
                throw new HashDataException($"vendor '{group.First().Row.Vendor}' has more than {HashDbFormat.MaxExploitRowsPerVendor} known-exploited rows; split them more precisely");
        }
        return drafts;
    }

    /// <summary>dir[b] = index of the first entry whose leading bytes are at least b; dir[256^B] = count. Empty for B = 0.</summary>
    private static byte[] BuildDirectory(IEnumerable<byte[]> sortedKeys, int count, int bucketBytes)
    {
        if (bucketBytes == 0) return [];
        int buckets = 1 << (8 * bucketBytes);
        var dir = new byte[HashDbFormat.DirectoryBytes(bucketBytes)];
        int next = 0, index = 0;
        foreach (var key in sortedKeys)
        {
            int bucket = bucketBytes == 1 ? key[0] : (key[0] << 8) | key[1];
            while (next <= bucket)
            {
                BinaryPrimitives.WriteUInt32BigEndian(dir.AsSpan(next * 4), (uint)index);
                next++;
            }
            index++;
        }
        while (next <= buckets)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dir.AsSpan(next * 4), (uint)count);
            next++;
        }
        return dir;
    }

    private static int CompareBytes(byte[] a, byte[] b, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int d = a[i] - b[i];
            if (d != 0) return d;
        }
        return 0;
    }

    private static void WriteUInt24(byte[] data, int at, int value)
    {
        data[at] = (byte)(value >> 16);
        data[at + 1] = (byte)(value >> 8);
        data[at + 2] = (byte)value;
    }

    /// <summary>An image hash and its release (a draft number while reading, the final index once arranged).</summary>
    private readonly record struct ArtifactDraft(byte[] Sha256, int Release)
    {
        // The compared 88 bits as two integers, so sorting a million entries compares numbers.
        private ulong High => BinaryPrimitives.ReadUInt64BigEndian(Sha256);

        private uint Low => (uint)(Sha256[8] << 16 | Sha256[9] << 8 | Sha256[10]);

        public bool SameKey(ArtifactDraft other) => High == other.High && Low == other.Low;

        public static int Compare(ArtifactDraft a, ArtifactDraft b)
        {
            int c = a.High.CompareTo(b.High);
            if (c == 0) c = a.Low.CompareTo(b.Low);
            if (c == 0) c = CompareBytes(a.Sha256, b.Sha256, 32);
            return c != 0 ? c : a.Release.CompareTo(b.Release);
        }
    }

    private sealed record ExploitDraft(byte[] VendorKey, byte[] PrefixKey, int PrefixLength, KnownExploitedRow Row);

    /// <summary>A vendor, model or version: its lookup key, its normalized text and the first spelling seen.</summary>
    private sealed record NameDraft(byte[] Key, string Normalized, string Spelling, int Vendor = -1)
    {
        public static int Compare(NameDraft a, NameDraft b)
        {
            int c = CompareBytes(a.Key, b.Key, HashDbFormat.NameKeyBytes);
            return c != 0 ? c : string.CompareOrdinal(a.Normalized, b.Normalized);
        }
    }

    /// <summary>Final order of everything named: vendors, models and versions sorted, releases sorted by (model, version).</summary>
    private sealed record Layout(
        NameDraft[] Vendors, int[] VendorIndexOfDraft, NameDraft[] Models, NameDraft[] Versions,
        (int Model, int Version)[] Releases, int[] ReleaseIndexOfDraft, int[] FirstReleaseOfModel);

    /// <summary>
    /// Distinct vendors, models (vendor + model) and versions by normalized text, and releases as pairs of
    /// drafts. Raw spellings are looked up first, so a million rows normalize only their distinct names.
    /// </summary>
    private sealed class NameCatalog
    {
        private readonly Dictionary<string, int> _vendorBySpelling = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _vendorByText = new(StringComparer.Ordinal);
        private readonly Dictionary<(int Vendor, string Spelling), int> _modelBySpelling = new();
        private readonly Dictionary<(int Vendor, string Text), int> _modelByText = new();
        private readonly Dictionary<string, int> _versionBySpelling = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _versionByText = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _releaseByPair = new();
        private readonly List<NameDraft> _vendors = new();
        private readonly List<NameDraft> _models = new();
        private readonly List<NameDraft> _versions = new();
        private readonly List<(int Model, int Version)> _releases = new();
        private readonly FlaxGuard.Engine.Crypto.Sha256 _sha = new();
        private readonly byte[] _scratch = new byte[32];

        /// <summary>The release draft of one known-good row (vendor, model and version are looked up with -1 for a name that normalizes to nothing).</summary>
        public int Release(string vendor, string model, string version)
        {
            int v = Vendor(vendor);
            int m = v < 0 ? -1 : Model(v, model);
            int r = Version(version);
            if (m < 0 || r < 0) throw new HashDataException($"known-good row '{vendor} {model} {version}' has an empty vendor, model or version");
            long pair = ((long)m << 32) | (uint)r;
            if (!_releaseByPair.TryGetValue(pair, out var release))
            {
                release = _releases.Count;
                if (release + 1 >= HashDbFormat.MaxNamedCount) throw new HashDataException("more than 16,777,215 firmware releases");
                _releases.Add((m, r));
                _releaseByPair.Add(pair, release);
            }
            return release;
        }

        private int Vendor(string spelling)
        {
            if (_vendorBySpelling.TryGetValue(spelling, out var known)) return known;
            var text = IdentityText.Normalize(spelling);
            if (text.Length == 0) return -1;
            if (!_vendorByText.TryGetValue(text, out known))
            {
                known = _vendors.Count;
                if (known + 1 >= HashDbFormat.MaxVendors) throw new HashDataException("more than 65,535 vendors");
                _vendors.Add(new NameDraft(Array.Empty<byte>(), text, spelling.Trim()));
                _vendorByText.Add(text, known);
            }
            _vendorBySpelling.Add(spelling, known);
            return known;
        }

        private int Model(int vendor, string spelling)
        {
            if (_modelBySpelling.TryGetValue((vendor, spelling), out var known)) return known;
            var text = IdentityText.Normalize(spelling);
            if (text.Length == 0) return -1;
            if (!_modelByText.TryGetValue((vendor, text), out known))
            {
                known = _models.Count;
                _models.Add(new NameDraft(KeyOf(_vendors[vendor].Normalized, text), text, spelling.Trim(), vendor));
                _modelByText.Add((vendor, text), known);
            }
            _modelBySpelling.Add((vendor, spelling), known);
            return known;
        }

        private int Version(string spelling)
        {
            if (_versionBySpelling.TryGetValue(spelling, out var known)) return known;
            var text = IdentityText.Normalize(spelling);
            if (text.Length == 0) return -1;
            if (!_versionByText.TryGetValue(text, out known))
            {
                known = _versions.Count;
                _versions.Add(new NameDraft(KeyOf(text, null), text, spelling.Trim()));
                _versionByText.Add(text, known);
            }
            _versionBySpelling.Add(spelling, known);
            return known;
        }

        private byte[] KeyOf(string a, string? b)
        {
            var key = new byte[8];
            IdentityText.Key(_sha, a, b, null, _scratch, key, HashDbFormat.NameKeyBytes);
            return key;
        }

        public Layout Arrange()
        {
            var vendorOrder = Order(_vendors, (a, b) => string.CompareOrdinal(a.Normalized, b.Normalized));
            var modelOrder = Order(_models, NameDraft.Compare);
            var versionOrder = Order(_versions, NameDraft.Compare);
            CheckSameKeys(modelOrder, _models, "models");
            CheckSameKeys(versionOrder, _versions, "versions");
            var vendorIndex = IndexOf(vendorOrder);
            var modelIndex = IndexOf(modelOrder);
            var versionIndex = IndexOf(versionOrder);

            var releases = new (int Model, int Version)[_releases.Count];
            var releaseDrafts = new int[_releases.Count];
            for (int i = 0; i < releases.Length; i++)
            {
                releases[i] = (modelIndex[_releases[i].Model], versionIndex[_releases[i].Version]);
                releaseDrafts[i] = i;
            }
            Array.Sort(releases, releaseDrafts);
            var releaseIndex = new int[releases.Length];
            for (int i = 0; i < releases.Length; i++) releaseIndex[releaseDrafts[i]] = i;

            var firstRelease = new int[modelOrder.Length];
            for (int i = releases.Length - 1; i >= 0; i--) firstRelease[releases[i].Model] = i;

            return new Layout(
                vendorOrder.Select(i => _vendors[i]).ToArray(), vendorIndex,
                modelOrder.Select(i => _models[i]).ToArray(),
                versionOrder.Select(i => _versions[i]).ToArray(),
                releases, releaseIndex, firstRelease);
        }

        private static int[] Order(List<NameDraft> drafts, Comparison<NameDraft> compare)
        {
            var order = Enumerable.Range(0, drafts.Count).ToArray();
            Array.Sort(order, (a, b) => compare(drafts[a], drafts[b]));
            return order;
        }

        private static int[] IndexOf(int[] order)
        {
            var index = new int[order.Length];
            for (int i = 0; i < order.Length; i++) index[order[i]] = i;
            return index;
        }

        /// <summary>The appliance confirms at most <see cref="HashDbFormat.MaxSameKey"/> names per key; more would hide some.</summary>
        private static void CheckSameKeys(int[] order, List<NameDraft> drafts, string what)
        {
            int run = 1;
            for (int i = 1; i < order.Length; i++)
            {
                run = CompareBytes(drafts[order[i]].Key, drafts[order[i - 1]].Key, HashDbFormat.NameKeyBytes) == 0 ? run + 1 : 1;
                if (run > HashDbFormat.MaxSameKey)
                    throw new HashDataException($"more than {HashDbFormat.MaxSameKey} {what} share the lookup key of '{drafts[order[i]].Spelling}'");
            }
        }
    }

    /// <summary>Deduplicated strings, each a length byte and up to 255 bytes of UTF-8.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
        private readonly MemoryStream _bytes = new();

        public int Add(string text)
        {
            if (_offsets.TryGetValue(text, out var offset)) return offset;
            var utf8 = Encoding.UTF8.GetBytes(text);
            if (utf8.Length > HashDbFormat.MaxStringBytes) throw new HashDataException($"'{text}' is longer than {HashDbFormat.MaxStringBytes} bytes");
            offset = (int)_bytes.Length;
            if (offset + 1 + utf8.Length > HashDbFormat.MaxStringTableBytes) throw new HashDataException("the string table would exceed 16 MiB");
            _bytes.WriteByte((byte)utf8.Length);
            _bytes.Write(utf8);
            _offsets.Add(text, offset);
            return offset;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
