namespace FlaxGuard.Hashes;

/// <summary>Source data, a signature or a database that cannot be used; the message is one clear sentence.</summary>
public sealed class HashDataException(string message) : Exception(message);
