using System.Security.Cryptography;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Fuzz.Fakes;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="HashDbReader"/> (the compiled firmware database on the appliance's flash). The bytes are made to name
/// the test appliance key and signed again, so the fuzzer gets past authentication to the header checks and lookups.
/// <see cref="HashDbReader.Open"/> refuses with null and a problem; lookups refuse with <see cref="FormatException"/>.
/// </summary>
public sealed class HashDbTarget : IFuzzTarget
{
    public const string BlobName = "hashdb";

    // The release, image and exploit row the seed database holds, looked up in every input.
    public const string Vendor = "OpenWrt";
    public const string Model = "TP-Link Archer C7 v2";
    public const string Version = "23.05.3";
    public const string ExploitVendor = "Hikvision";
    public const string ExploitModel = "DS-2CD2042WD";
    public const string ExploitVersion = "5.4.0";
    public static readonly byte[] ArtifactSha256 = SHA256.HashData("fuzz seed: openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin"u8);

    private const int KeyIdOffset = HashDbFormat.OffsetApplianceKeyId;
    private const string ReadFailurePrefix = "the firmware database could not be read";

    public string Name => "hashdb";

    public string Feeds => "a compiled firmware database to HashDbReader.Open, then lookups";

    public bool Run(byte[] input)
    {
        byte[] key = FuzzKeys.ApplianceKey;
        byte[] content = (byte[])input.Clone();
        if (content.Length >= KeyIdOffset + HashDbFormat.KeyIdBytes)
            Array.Copy(HashDbReader.ApplianceKeyId(key), 0, content, KeyIdOffset, HashDbFormat.KeyIdBytes);
        content = Seal.WithFreshMac(content, key) ?? content;

        HashDbReader? reader = HashDbReader.Open(new MemoryBlob(BlobName, content), BlobName, key, HashDbReader.DefaultBufferBytes, out string? problem);
        if (reader is null)
        {
            if (string.IsNullOrEmpty(problem)) throw new FuzzContractException("HashDbReader.Open refused without a problem");
            // Open turns every exception into this problem (storage can fail on a device). Memory cannot, so here it
            // can only be the parser itself failing, which the catch-all would otherwise hide from the fuzzer.
            if (problem.StartsWith(ReadFailurePrefix, StringComparison.Ordinal)) throw new FuzzContractException("HashDbReader.Open failed on readable bytes: " + problem);
            return false;
        }
        // Non-short-circuit '&': every lookup runs whatever the one before found.
        return Lookup(() => CheckIdentities(reader.FindByArtifact(ArtifactSha256)))
            & Lookup(() => reader.FindIdentity(Vendor, Model, Version))
            & Lookup(() => reader.FindExploits(ExploitVendor, ExploitModel, ExploitVersion))
            & Lookup(() => reader.FindExploits(Vendor, Model, Version));
    }

    private static void CheckIdentities(FirmwareIdentity[] identities)
    {
        if (identities.Length > HashDbFormat.MaxIdentitiesPerArtifact) throw new FuzzContractException("more identities than MaxIdentitiesPerArtifact");
    }

    /// <summary>False when the lookup refused the database as inconsistent, its documented failure.</summary>
    private static bool Lookup(Action lookup)
    {
        try
        {
            lookup();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
