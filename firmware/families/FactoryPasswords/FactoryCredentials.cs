namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// The bounded list of factory credentials the opt-in check tries, as user/password pairs in the order tried.
    /// <para>
    /// Family defaults first, as the vendors document them: OpenWrt ships with root and no password until one is set
    /// (OpenWrt user guide, "First login"); RouterOS before 6.49 shipped admin with no password (MikroTik manual,
    /// "Default user"); Hikvision firmware before 5.3 shipped admin/12345 (Hikvision user manuals and its 2017
    /// security notice that made the password mandatory on activation).
    /// </para>
    /// <para>
    /// Then Mirai's telnet credential table: the 62 add_auth_entry lines of mirai/bot/scanner.c in the public Mirai source
    /// (github.com/jgamblin/Mirai-Source-Code), whose strings are obfuscated by table.c's key 0xdeadbeef (each byte XORed
    /// with the four key bytes, i.e. with 0x22); decoded here, one duplicate (guest/12345) dropped, 61 pairs. Two comments
    /// in that file name other passwords than the bytes hold (Administrator/meinsm, admin/4321): the bytes are used.
    /// </para>
    /// These are public, published defaults, not secrets; still, which one was tried never reaches a log or a report.
    /// </summary>
    public static class FactoryCredentials
    {
        /// <summary>user, password pairs of the family defaults: profile, user, password, vendor.</summary>
        private static readonly string[] FamilyDefaults = new string[]
        {
            "openwrt", "root", "", "OpenWrt",
            "routeros", "admin", "", "MikroTik",
            "hikvision", "admin", "12345", "Hikvision",
        };

        /// <summary>Mirai's table (scanner.c), decoded: user, password, user, password, ...</summary>
        private static readonly string[] Mirai = new string[]
        {
            "root", "xc3511",
            "root", "vizxv",
            "root", "admin",
            "admin", "admin",
            "root", "888888",
            "root", "xmhdipc",
            "root", "default",
            "root", "juantech",
            "root", "123456",
            "root", "54321",
            "support", "support",
            "root", "",
            "admin", "password",
            "root", "root",
            "root", "12345",
            "user", "user",
            "admin", "",
            "root", "pass",
            "admin", "admin1234",
            "root", "1111",
            "admin", "smcadmin",
            "admin", "1111",
            "root", "666666",
            "root", "password",
            "root", "1234",
            "root", "klv123",
            "Administrator", "meinsm",
            "service", "service",
            "supervisor", "supervisor",
            "guest", "guest",
            "guest", "12345",
            "admin1", "password",
            "administrator", "1234",
            "666666", "666666",
            "888888", "888888",
            "ubnt", "ubnt",
            "root", "klv1234",
            "root", "Zte521",
            "root", "hi3518",
            "root", "jvbzd",
            "root", "anko",
            "root", "zlxx.",
            "root", "7ujMko0vizxv",
            "root", "7ujMko0admin",
            "root", "system",
            "root", "ikwb",
            "root", "dreambox",
            "root", "user",
            "root", "realtek",
            "root", "00000000",
            "admin", "1111111",
            "admin", "1234",
            "admin", "12345",
            "admin", "54321",
            "admin", "123456",
            "admin", "7ujMko0admin",
            "admin", "4321",
            "admin", "pass",
            "admin", "meinsm",
            "tech", "tech",
            "mother", "fucker",
        };

        /// <summary>Pairs in Mirai's table.</summary>
        public static int MiraiCount { get { return Mirai.Length / 2; } }

        /// <summary>
        /// The list for a device of this profile (null: none known): its family's default first, then Mirai's table.
        /// Each entry is {user, password, vendor}; the vendor is what the owner is told ("a factory default for ...").
        /// </summary>
        public static string[][] For(string profile)
        {
            int own = 0;
            for (int i = 0; i < FamilyDefaults.Length; i += 4) if (FamilyDefaults[i] == profile) own++;
            string[][] list = new string[own + Mirai.Length / 2][];
            int n = 0;
            for (int i = 0; i < FamilyDefaults.Length; i += 4)
            {
                if (FamilyDefaults[i] == profile) list[n++] = new string[] { FamilyDefaults[i + 1], FamilyDefaults[i + 2], FamilyDefaults[i + 3] };
            }
            int familyCount = n;
            for (int i = 0; i < Mirai.Length; i += 2)
            {
                bool seen = false;
                for (int k = 0; k < familyCount; k++) if (list[k][0] == Mirai[i] && list[k][1] == Mirai[i + 1]) seen = true;
                if (!seen) list[n++] = new string[] { Mirai[i], Mirai[i + 1], "IoT devices (it is on the list the Mirai botnet tries)" };
            }
            if (n == list.Length) return list;
            string[][] exact = new string[n][];
            System.Array.Copy(list, exact, n);
            return exact;
        }
    }
}
