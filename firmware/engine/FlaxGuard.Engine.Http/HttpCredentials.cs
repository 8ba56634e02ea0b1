using System;

namespace FlaxGuard.Engine.Http
{
    /// <summary>A user name and password for a device's admin interface. The password never appears in text output.</summary>
    public sealed class HttpCredentials
    {
        public HttpCredentials(string username, string password)
        {
            if (username == null || username.Length == 0) throw new ArgumentException("the user name is empty", "username");
            if (password == null) throw new ArgumentNullException("password");
            for (int i = 0; i < username.Length; i++)
            {
                // Basic joins user and password with ':'; control characters would let a header be split.
                if (username[i] == ':' || username[i] < ' ' || username[i] == (char)0x7F) throw new ArgumentException("the user name has a ':' or a control character", "username");
            }
            Username = username;
            Password = password;
        }

        public string Username { get; private set; }

        public string Password { get; private set; }

        public override string ToString()
        {
            return "user " + Username;
        }
    }
}
