using System.Security.Cryptography;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>Random bytes from the operating system's CSPRNG.</summary>
public sealed class SecureRandomSource : IRandomSource
{
    public static readonly SecureRandomSource Instance = new();

    public void NextBytes(byte[] buffer, int offset, int count) =>
        RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
