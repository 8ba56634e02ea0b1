namespace FlaxGuard.Hashes.Signing;

/// <summary>
/// The keys whose signature makes hashes/ trusted: several may be pinned at once so a new release key can be
/// introduced before the old one runs out, each with its own validity end, and a revocation list that beats the pins.
/// </summary>
public sealed class TrustedKeys
{
    public TrustedKeys(IReadOnlyList<PinnedKey> pinned, IReadOnlyList<RevokedKey> revoked)
    {
        Pinned = pinned;
        Revoked = revoked;
    }

    public IReadOnlyList<PinnedKey> Pinned { get; }
    public IReadOnlyList<RevokedKey> Revoked { get; }

    /// <summary>
    /// Trusts exactly one key, with no end (a key the user named with --public-key); the release revocation list still
    /// applies, so the public half of a lost release key cannot be named to accept what it signed.
    /// </summary>
    public static TrustedKeys Only(byte[] publicKey) => Only(publicKey, ReleaseKeys.Trusted.Revoked);

    public static TrustedKeys Only(byte[] publicKey, IReadOnlyList<RevokedKey> revoked) =>
        new([new PinnedKey("the key given", publicKey, DateTimeOffset.MaxValue)], revoked);

    /// <summary>The key to check a signature by <paramref name="keyId"/> with, or why it must be refused.</summary>
    public PinnedKey Resolve(string keyId, DateTimeOffset now)
    {
        if (Revoked.FirstOrDefault(r => r.KeyId == keyId) is { } revoked)
            throw new HashDataException($"the firmware data is signed by key {keyId}, which is revoked ({revoked.Reason}); refusing to use it");
        var pinned = Pinned.FirstOrDefault(p => p.KeyId == keyId)
            ?? throw new HashDataException($"the firmware data is signed by key {keyId}, which is not a trusted key ({string.Join(", ", Pinned.Select(p => p.KeyId))}); refusing to use it");
        if (now > pinned.NotAfter)
            throw new HashDataException($"the firmware data is signed by key {keyId} ({pinned.Name}), which was trusted until {pinned.NotAfter:yyyy-MM-dd}; get firmware data signed by the current release key");
        return pinned;
    }
}
