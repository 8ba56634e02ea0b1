namespace FlaxGuard.Server;

/// <summary>A problem with the database or data directory, described in one line for the user.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
