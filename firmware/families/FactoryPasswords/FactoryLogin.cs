namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>How one login attempt with one factory credential ended.</summary>
    public static class FactoryLogin
    {
        public const int Accepted = 0;
        public const int Refused = 1;
        /// <summary>The device says it locks, or is about to lock, the account or our address: stop at once.</summary>
        public const int Lockout = 2;
        /// <summary>No clear answer (connection, time, an unknown reply): stop, the device is not checked.</summary>
        public const int Failed = 3;
        /// <summary>The device offers no such login (port closed, the page asks for none): go on with the next method.</summary>
        public const int Unavailable = 4;
    }

    /// <summary>One way of logging in (telnet, HTTP Basic/Digest, a vendor API): tries one credential.</summary>
    public interface ILoginMethod
    {
        /// <summary>"telnet", "http" ...: named in the verdict, never with the credential.</summary>
        string Name { get; }

        /// <summary>One attempt; returns a <see cref="FactoryLogin"/> value. Never logs or returns the password.</summary>
        int Try(string user, string password);
    }
}
