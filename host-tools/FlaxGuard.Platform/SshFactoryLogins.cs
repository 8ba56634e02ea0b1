using FlaxGuard.Engine.FactoryPasswords;

namespace FlaxGuard.Platform;

/// <summary>The agent's and CLI's extra factory logins: SSH on the device's port 22 (another port for tests).</summary>
public sealed class SshFactoryLogins(int port = 22, int timeoutMs = 8000) : IExtraLoginMethods
{
    public ILoginMethod[] For(string host, string profile) => [new SshLoginMethod(host, port, TimeSpan.FromMilliseconds(timeoutMs))];
}
