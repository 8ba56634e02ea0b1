namespace FlaxGuard.Hashes.Signing;

/// <summary>
/// The FlaxGuard project's release key for hashes/: the host tool trusts firmware data signed by this key
/// and refuses everything else unless the user names another public key explicitly. The private half is
/// kept by the maintainer, outside the repository.
/// </summary>
public static class ReleaseKey
{
    public const string PublicKeyBase64 = "SnEl6KUB6yFQNPPFq7vjh8LJmeoGdXWsPuhHVyOT3vE=";

    /// <summary>First 8 bytes of SHA-256 of the public key, as every signature names it.</summary>
    public const string KeyId = "eb828a0886afdb87";

    public static byte[] PublicKey => Convert.FromBase64String(PublicKeyBase64);
}
