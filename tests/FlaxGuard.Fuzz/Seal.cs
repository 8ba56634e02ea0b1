using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Fuzz;

/// <summary>
/// Signs mutated bytes again (HMAC-SHA256 under the test key over everything before the trailing 32-byte MAC), so
/// the fuzzer reaches the decoders behind a MAC check instead of stopping at a bad signature every time.
/// </summary>
public static class Seal
{
    public const int MacBytes = 32;

    /// <summary>A copy of <paramref name="input"/> whose last 32 bytes are the MAC of the rest, or null when too short.</summary>
    public static byte[]? WithFreshMac(byte[] input, byte[] key)
    {
        if (input.Length < MacBytes) return null;
        byte[] copy = (byte[])input.Clone();
        int signed = copy.Length - MacBytes;
        var mac = new HmacSha256(key);
        mac.Update(copy, 0, signed);
        Array.Copy(mac.Final(), 0, copy, signed, MacBytes);
        return copy;
    }
}
