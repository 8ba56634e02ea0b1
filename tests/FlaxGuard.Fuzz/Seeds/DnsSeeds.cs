using FlaxGuard.Fuzz.Targets;

namespace FlaxGuard.Fuzz.Seeds;

/// <summary>Resolver answers to the fuzz query (RFC 1035 wire format, with name compression as resolvers send it).</summary>
internal static class DnsSeeds
{
    private const ushort TypeA = 1, TypeCname = 5, TypeSoa = 6, TypeAaaa = 28, ClassIn = 1;

    public static byte[] AnswerWithCname()
    {
        var m = Header(flags: 0x8180, answers: 3, authorities: 0, additionals: 0, TypeA);
        Record(m, Pointer(), TypeCname, Name("edge.cdn.example"));
        Record(m, Name("edge.cdn.example"), TypeA, [198, 51, 100, 7]);
        Record(m, Name("edge.cdn.example"), TypeA, [198, 51, 100, 8]);
        return [.. m];
    }

    public static byte[] AaaaAnswer()
    {
        var m = Header(flags: 0x8180, answers: 1, authorities: 0, additionals: 0, TypeAaaa);
        Record(m, Pointer(), TypeAaaa, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53]);
        return [.. m];
    }

    public static byte[] NameErrorWithSoa()
    {
        var m = Header(flags: 0x8183, answers: 0, authorities: 1, additionals: 0, TypeA);
        var soa = new List<byte>();
        soa.AddRange(Name("ns1.flaxguard.example"));
        soa.AddRange(Name("hostmaster.flaxguard.example"));
        foreach (uint value in new uint[] { 2026112701, 7200, 3600, 1209600, 300 }) soa.AddRange(BigEndian32(value));
        Record(m, [0xC0, 0x13], TypeSoa, [.. soa]);
        return [.. m];
    }

    private static List<byte> Header(ushort flags, int answers, int authorities, int additionals, ushort questionType)
    {
        var m = new List<byte>();
        m.AddRange(BigEndian16(DnsTarget.QueryId));
        m.AddRange(BigEndian16(flags));
        m.AddRange(BigEndian16(1));
        m.AddRange(BigEndian16(answers));
        m.AddRange(BigEndian16(authorities));
        m.AddRange(BigEndian16(additionals));
        m.AddRange(Name(DnsTarget.QueryName));
        m.AddRange(BigEndian16(questionType));
        m.AddRange(BigEndian16(ClassIn));
        return m;
    }

    private static void Record(List<byte> m, byte[] owner, ushort type, byte[] data)
    {
        m.AddRange(owner);
        m.AddRange(BigEndian16(type));
        m.AddRange(BigEndian16(ClassIn));
        m.AddRange(BigEndian32(300));
        m.AddRange(BigEndian16(data.Length));
        m.AddRange(data);
    }

    /// <summary>A compression pointer to the question name, which starts right after the 12-byte header.</summary>
    private static byte[] Pointer() => [0xC0, 0x0C];

    private static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (string label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return [.. bytes];
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
