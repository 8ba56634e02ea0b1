using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Compiling;

/// <summary>Settings of one compilation.</summary>
public sealed record CompileOptions(uint DatabaseVersion, byte[] SignerKeyId, byte[] ApplianceKey, long CreatedUnixSeconds);

/// <summary>Sizes of what was compiled.</summary>
public sealed record CompileSummary(int Artifacts, int Identities, int Exploits, int StringBytes, long TotalBytes);

/// <summary>
/// Compiles verified source rows into the appliance's database (layout in <see cref="HashDbFormat"/>),
/// authenticated with HMAC-SHA256 under the appliance's key. Keys, normalization and the version grammar
/// come from the engine itself, so host and appliance cannot disagree.
/// </summary>
public static class DatabaseCompiler
{
    public static CompileSummary Compile(SourceSet sources, CompileOptions options, Stream output, IProgress<string>? progress = null)
        => Compile(sources.KnownGood.Select(r => (r.Vendor, r.Model, r.Version, Convert.FromHexString(r.Sha256))), sources.KnownExploited, options, output, progress);

    /// <summary>Compiles artifacts given as (vendor, model, version, sha256) and exploit rows.</summary>
    public static CompileSummary Compile(
        IEnumerable<(string Vendor, string Model, string Version, byte[] Sha256)> artifacts,
        IReadOnlyList<KnownExploitedRow> exploits, CompileOptions options, Stream output, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options.ApplianceKey);
        if (options.SignerKeyId.Length != HashDbFormat.KeyIdBytes) throw new ArgumentException("signer key id must be 8 bytes");
        var strings = new StringTable();

        // Identities: distinct normalized (vendor, model, version), keyed by the engine's 40-bit key.
        var identityByText = new Dictionary<string, int>(StringComparer.Ordinal);
        var identities = new List<IdentityDraft>();
        var artifactList = new List<ArtifactDraft>();
        var sha = new FlaxGuard.Engine.Crypto.Sha256();
        var scratch = new byte[32];
        foreach (var (vendor, model, version, digest) in artifacts)
        {
            if (digest.Length != 32) throw new HashDataException("an artifact hash is not 32 bytes");
            string nv = IdentityText.Normalize(vendor), nm = IdentityText.Normalize(model), nr = IdentityText.Normalize(version);
            if (nv.Length == 0 || nm.Length == 0 || nr.Length == 0) throw new HashDataException($"known-good row '{vendor} {model} {version}' has an empty vendor, model or version");
            var text = nv + "\u001f" + nm + "\u001f" + nr;
            if (!identityByText.TryGetValue(text, out var draftIndex))
            {
                var key = new byte[8];
                IdentityText.Key(sha, nv, nm, nr, scratch, key, HashDbFormat.IdentityKeyBytes);
                draftIndex = identities.Count;
                identities.Add(new IdentityDraft(key, text, vendor.Trim() + HashDbFormat.VendorModelSeparator + model.Trim(), version.Trim()));
                identityByText.Add(text, draftIndex);
            }
            artifactList.Add(new ArtifactDraft(digest, draftIndex));
            if (artifactList.Count % 250_000 == 0) progress?.Report($"read {artifactList.Count:N0} artifacts");
        }
        if (identities.Count >= 1 << 24) throw new HashDataException("more than 16,777,215 firmware identities");

        progress?.Report("sorting");
        var identityOrder = Enumerable.Range(0, identities.Count).ToArray();
        Array.Sort(identityOrder, (a, b) =>
        {
            int c = CompareBytes(identities[a].Key, identities[b].Key, HashDbFormat.IdentityKeyBytes);
            return c != 0 ? c : string.CompareOrdinal(identities[a].NormalizedText, identities[b].NormalizedText);
        });
        var finalIndex = new int[identities.Count];
        for (int i = 0; i < identityOrder.Length; i++) finalIndex[identityOrder[i]] = i;

        var artifactArray = artifactList.Select(a => new ArtifactDraft(a.Sha256, finalIndex[a.Identity])).ToArray();
        Array.Sort(artifactArray, (a, b) =>
        {
            int c = CompareBytes(a.Sha256, b.Sha256, 32);
            return c != 0 ? c : a.Identity.CompareTo(b.Identity);
        });
        // Drop exact duplicates (the same file listed twice for one identity); cap identities per image.
        var unique = new List<ArtifactDraft>(artifactArray.Length);
        int sameHashRun = 0;
        for (int i = 0; i < artifactArray.Length; i++)
        {
            var a = artifactArray[i];
            if (unique.Count > 0)
            {
                var last = unique[^1];
                bool sameKey = CompareBytes(last.Sha256, a.Sha256, HashDbFormat.ArtifactHashBytes) == 0;
                if (sameKey && last.Identity == a.Identity) continue;
                sameHashRun = sameKey ? sameHashRun + 1 : 0;
                if (sameHashRun >= HashDbFormat.MaxIdentitiesPerArtifact)
                    throw new HashDataException($"artifact {Convert.ToHexStringLower(a.Sha256)} belongs to more than {HashDbFormat.MaxIdentitiesPerArtifact} firmware identities");
            }
            unique.Add(a);
        }
        if (unique.Count >= 1 << 30) throw new HashDataException("too many artifacts");

        // Exploits: sorted by vendor key, then the model prefix key, then CVE for a stable order.
        var exploitDrafts = new List<ExploitDraft>();
        foreach (var row in exploits)
        {
            var nv = IdentityText.Normalize(row.Vendor);
            var prefix = IdentityText.LiteralPrefix(IdentityText.Normalize(row.ModelPattern));
            if (prefix.Length > HashDbFormat.MaxPatternPrefixChars) throw new HashDataException($"model pattern '{row.ModelPattern}' has too long a literal start");
            var vendorKey = new byte[8];
            IdentityText.Key(sha, nv, null, null, scratch, vendorKey, 4);
            var prefixKey = new byte[8];
            IdentityText.Key(sha, prefix, null, null, scratch, prefixKey, 4);
            exploitDrafts.Add(new ExploitDraft(vendorKey, prefixKey, prefix.Length, row));
        }
        exploitDrafts.Sort((a, b) =>
        {
            int c = CompareBytes(a.VendorKey, b.VendorKey, 4);
            if (c == 0) c = CompareBytes(a.PrefixKey, b.PrefixKey, 4);
            if (c == 0) c = string.CompareOrdinal(a.Row.Cve, b.Row.Cve);
            return c != 0 ? c : string.CompareOrdinal(a.Row.ModelPattern, b.Row.ModelPattern);
        });
        foreach (var group in exploitDrafts.GroupBy(e => Convert.ToHexString(e.VendorKey, 0, 4)))
        {
            if (group.Count() > HashDbFormat.MaxExploitRowsPerVendor)
                throw new HashDataException($"vendor '{group.First().Row.Vendor}' has more than {HashDbFormat.MaxExploitRowsPerVendor} known-exploited rows; split them more precisely");
        }

        int aBucket = HashDbFormat.BucketBytesFor(unique.Count);
        int iBucket = HashDbFormat.BucketBytesFor(identities.Count);
        int aEntry = HashDbFormat.ArtifactEntryBytes(aBucket);
        int iEntry = HashDbFormat.IdentityEntryBytes(iBucket);

        progress?.Report("writing");
        var artifactDirectory = BuildDirectory(unique.Select(a => a.Sha256), unique.Count, aBucket);
        var identityKeysSorted = identityOrder.Select(i => identities[i].Key).ToArray();
        var identityDirectory = BuildDirectory(identityKeysSorted, identityKeysSorted.Length, iBucket);

        var artifactBytes = new byte[(long)unique.Count * aEntry];
        int aStored = HashDbFormat.ArtifactHashBytes - aBucket;
        for (int i = 0; i < unique.Count; i++)
        {
            int at = i * aEntry;
            Array.Copy(unique[i].Sha256, aBucket, artifactBytes, at, aStored);
            WriteUInt24(artifactBytes, at + aStored, unique[i].Identity);
        }

        var identityBytes = new byte[(long)identities.Count * iEntry];
        int iStored = HashDbFormat.IdentityKeyBytes - iBucket;
        for (int i = 0; i < identityOrder.Length; i++)
        {
            var draft = identities[identityOrder[i]];
            int at = i * iEntry;
            Array.Copy(draft.Key, iBucket, identityBytes, at, iStored);
            WriteUInt24(identityBytes, at + iStored, strings.Add(draft.VendorModel));
            WriteUInt24(identityBytes, at + iStored + 3, strings.Add(draft.Version));
        }

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

        long artifactDirOffset = HashDbFormat.HeaderBytes;
        long artifactOffset = artifactDirOffset + artifactDirectory.Length;
        long identityDirOffset = artifactOffset + artifactBytes.Length;
        long identityOffset = identityDirOffset + identityDirectory.Length;
        long exploitOffset = identityOffset + identityBytes.Length;
        long stringOffset = exploitOffset + exploitBytes.Length;
        long total = stringOffset + stringBytes.Length + HashDbFormat.MacBytes;
        if (total > uint.MaxValue || total > int.MaxValue) throw new HashDataException("the compiled database would exceed 2 GiB");

        var header = new byte[HashDbFormat.HeaderBytes];
        HashDbFormat.Magic.CopyTo(header, HashDbFormat.OffsetMagic);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(HashDbFormat.OffsetFormatVersion), HashDbFormat.FormatVersion);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetDatabaseVersion), options.DatabaseVersion);
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(HashDbFormat.OffsetCreated), options.CreatedUnixSeconds);
        options.SignerKeyId.CopyTo(header, HashDbFormat.OffsetSignerKeyId);
        HashDbReader.ApplianceKeyId(options.ApplianceKey).CopyTo(header, HashDbFormat.OffsetApplianceKeyId);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetArtifactCount), (uint)unique.Count);
        header[HashDbFormat.OffsetArtifactBucketBytes] = (byte)aBucket;
        header[HashDbFormat.OffsetArtifactEntryBytes] = (byte)aEntry;
        header[HashDbFormat.OffsetIdentityBucketBytes] = (byte)iBucket;
        header[HashDbFormat.OffsetIdentityEntryBytes] = (byte)iEntry;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetIdentityCount), (uint)identities.Count);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetExploitCount), (uint)exploitDrafts.Count);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetArtifactDirectory), (uint)artifactDirOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetArtifactEntries), (uint)artifactOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetIdentityDirectory), (uint)identityDirOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetIdentityEntries), (uint)identityOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetExploitEntries), (uint)exploitOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetStringTable), (uint)stringOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetStringTableLength), (uint)stringBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(HashDbFormat.OffsetTotalLength), (uint)total);

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, options.ApplianceKey);
        foreach (var part in new[] { header, artifactDirectory, artifactBytes, identityDirectory, identityBytes, exploitBytes, stringBytes })
        {
            hmac.AppendData(part);
            output.Write(part);
        }
        output.Write(hmac.GetHashAndReset());
        return new CompileSummary(unique.Count, identities.Count, exploitDrafts.Count, stringBytes.Length, total);
    }

    /// <summary>dir[b] = index of the first entry whose leading bytes are at least b; dir[256^B] = count.</summary>
    private static byte[] BuildDirectory(IEnumerable<byte[]> sortedKeys, int count, int bucketBytes)
    {
        int buckets = 1 << (8 * bucketBytes);
        var dir = new byte[HashDbFormat.DirectoryBytes(bucketBytes)];
        int next = 0, index = 0;
        foreach (var key in sortedKeys)
        {
            int bucket = bucketBytes == 0 ? 0 : bucketBytes == 1 ? key[0] : (key[0] << 8) | key[1];
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

    private sealed record IdentityDraft(byte[] Key, string NormalizedText, string VendorModel, string Version);

    private readonly record struct ArtifactDraft(byte[] Sha256, int Identity);

    private sealed record ExploitDraft(byte[] VendorKey, byte[] PrefixKey, int PrefixLength, KnownExploitedRow Row);

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
