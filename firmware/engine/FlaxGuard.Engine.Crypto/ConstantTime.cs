using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
public static class ConstantTime
{
    /// <summary>
    /// True when both arrays have the same length and content. Every byte is examined even after a
    /// difference is found, so the time taken leaks only the length, which for digests and MACs is public.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    public static bool Equals(byte[] a, byte[] b)
    {
        if (a == null)
        {
            throw new ArgumentNullException(nameof(a));
        }

        if (b == null)
        {
            throw new ArgumentNullException(nameof(b));
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        // Accumulating with OR and branching once at the end keeps the loop free of data-dependent exits.
        int diff = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }
}
