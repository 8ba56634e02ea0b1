namespace FlaxGuard.Hashes.Signing;

/// <summary>A public key the host tool trusts for hashes/, until <paramref name="NotAfter"/> (signatures made by it are
/// refused after that date, so a key can be rotated out on a schedule).</summary>
public sealed record PinnedKey(string Name, byte[] PublicKey, DateTimeOffset NotAfter)
{
    public string KeyId { get; } = Ed25519Keys.KeyId(PublicKey);
}

/// <summary>A key that must never be trusted again, with why (lost, leaked).</summary>
public sealed record RevokedKey(string KeyId, string Reason);
