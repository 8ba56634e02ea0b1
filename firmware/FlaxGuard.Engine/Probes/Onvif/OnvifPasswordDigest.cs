using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// The WS-Security UsernameToken PasswordDigest (OASIS Username Token Profile 1.0, section 3.1):
    /// Base64(SHA-1(nonce + created + password)), where nonce is the raw bytes (not their Base64 text) and
    /// created is the exact text sent in wsu:Created. The camera recomputes it against its own clock, so
    /// created must be in the camera's time.
    /// </summary>
    public static class OnvifPasswordDigest
    {
        public static string Compute(byte[] nonce, string created, string password)
        {
            if (nonce == null) throw new ArgumentNullException("nonce");
            if (created == null) throw new ArgumentNullException("created");
            if (password == null) throw new ArgumentNullException("password");
            Sha1 sha = new Sha1();
            sha.Update(nonce, 0, nonce.Length);
            byte[] createdBytes = Utf8.GetBytes(created);
            sha.Update(createdBytes, 0, createdBytes.Length);
            byte[] passwordBytes = Utf8.GetBytes(password);
            sha.Update(passwordBytes, 0, passwordBytes.Length);
            byte[] digest = sha.Final();
            // The password's bytes are not kept around longer than needed.
            Array.Clear(passwordBytes, 0, passwordBytes.Length);
            return Base64.Encode(digest);
        }
    }
}
