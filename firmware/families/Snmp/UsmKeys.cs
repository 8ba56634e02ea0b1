using System;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// SNMPv3 USM key derivation with SHA-1 (RFC 3414 section 2.6 and appendix A.2.2): the password, repeated to
    /// fill 1,048,576 bytes, is hashed to Ku; the localized key is SHA-1(Ku || engineID || Ku).
    /// </summary>
    public static class UsmKeys
    {
        private const int ExpandedBytes = 1048576;

        /// <summary>Ku: SHA-1 over the password repeated to 1 MiB. RFC 3414 asks for at least 8 characters; we refuse empty ones.</summary>
        public static byte[] PasswordToKey(byte[] password)
        {
            if (password == null) throw new ArgumentNullException("password");
            if (password.Length == 0) throw new ArgumentException("an SNMPv3 password cannot be empty", "password");
            Sha1 sha = new Sha1();
            byte[] chunk = new byte[64];
            int index = 0;
            for (int done = 0; done < ExpandedBytes; done += chunk.Length)
            {
                for (int i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = password[index];
                    index++;
                    if (index == password.Length) index = 0;
                }
                sha.Update(chunk, 0, chunk.Length);
            }
            Array.Clear(chunk, 0, chunk.Length);
            return sha.Final();
        }

        /// <summary>Kul = SHA-1(Ku || engineID || Ku).</summary>
        public static byte[] Localize(byte[] ku, byte[] engineId, int offset, int count)
        {
            if (ku == null) throw new ArgumentNullException("ku");
            if (engineId == null) throw new ArgumentNullException("engineId");
            Sha1 sha = new Sha1();
            sha.Update(ku, 0, ku.Length);
            sha.Update(engineId, offset, count);
            sha.Update(ku, 0, ku.Length);
            return sha.Final();
        }

        public static byte[] LocalizedKey(byte[] password, byte[] engineId)
        {
            byte[] ku = PasswordToKey(password);
            byte[] kul = Localize(ku, engineId, 0, engineId.Length);
            Array.Clear(ku, 0, ku.Length);
            return kul;
        }
    }
}
