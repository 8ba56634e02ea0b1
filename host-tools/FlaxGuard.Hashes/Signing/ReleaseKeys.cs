namespace FlaxGuard.Hashes.Signing;

/// <summary>
/// The FlaxGuard project's release keys for hashes/: the host tool trusts firmware data signed by one of these (within
/// its validity) and refuses everything else unless the user names another public key explicitly. The private halves
/// are kept by the maintainers, outside the repository. To rotate: add the new key here with a later end, sign with it,
/// and let the old one run out (or revoke it at once when it is lost or leaked). hashes/README.md has the procedure.
/// </summary>
public static class ReleaseKeys
{
    /// <summary>The current release key (flaxguard-release.key.pub, key id 9feb061cd721c40e).</summary>
    public static readonly PinnedKey Current = new(
        "FlaxGuard release key 2026", Convert.FromBase64String("SurX1ZO0X/IzTd1YskCUK6xxrekouP+f6Tnv9rtSaCw="),
        new DateTimeOffset(2031, 12, 31, 23, 59, 59, TimeSpan.Zero));

    public static readonly TrustedKeys Trusted = new(
        [Current],
        [
            // The key that signed hashes/ until 2026-12 was lost: nothing it signed can be told from a forgery any more.
            new RevokedKey("eb828a0886afdb87", "the previous release key, lost in 2026-12"),
        ]);
}
