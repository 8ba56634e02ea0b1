namespace FlaxGuard.Engine.Tests.Dns;

/// <summary>
/// Builds DNS messages byte by byte for the decoder tests, written from RFC 1035 section 4.1 independently of the
/// engine's encoder, so the two do not share mistakes. Names are plain label sequences unless a pointer is asked for.
/// </summary>
internal sealed class DnsMessageBuilder
{
    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    public DnsMessageBuilder Header(int id, int flags, int qd, int an, int ns, int ar)
    {
        U16(id); U16(flags); U16(qd); U16(an); U16(ns); U16(ar);
        return this;
    }

    public DnsMessageBuilder Name(string dotted)
    {
        if (dotted.Length > 0)
        {
            foreach (var label in dotted.Split('.'))
            {
                _bytes.Add((byte)label.Length);
                _bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
            }
        }
        _bytes.Add(0);
        return this;
    }

    /// <summary>Labels followed by a compression pointer to <paramref name="target"/> instead of the root.</summary>
    public DnsMessageBuilder NameWithPointer(string prefix, int target)
    {
        if (prefix.Length > 0)
        {
            foreach (var label in prefix.Split('.'))
            {
                _bytes.Add((byte)label.Length);
                _bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
            }
        }
        U16(0xC000 | target);
        return this;
    }

    public DnsMessageBuilder Question(string name, int type)
    {
        Name(name); U16(type); U16(1);
        return this;
    }

    /// <summary>The fixed part of a record after its owner name.</summary>
    public DnsMessageBuilder RecordHead(int type, int rdLength, int rclass = 1, uint ttl = 300)
    {
        U16(type); U16(rclass); U16((int)(ttl >> 16)); U16((int)(ttl & 0xFFFF)); U16(rdLength);
        return this;
    }

    public DnsMessageBuilder A(string owner, string address)
    {
        Name(owner);
        RecordHead(1, 4);
        _bytes.AddRange(System.Net.IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    public DnsMessageBuilder APointer(int ownerPointer, string address)
    {
        U16(0xC000 | ownerPointer);
        RecordHead(1, 4);
        _bytes.AddRange(System.Net.IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    public DnsMessageBuilder Aaaa(string owner, string address)
    {
        Name(owner);
        RecordHead(28, 16);
        _bytes.AddRange(System.Net.IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    public DnsMessageBuilder Cname(string owner, string target)
    {
        Name(owner);
        var start = _bytes.Count;
        RecordHead(5, 0);
        var rdStart = _bytes.Count;
        Name(target);
        var length = _bytes.Count - rdStart;
        _bytes[rdStart - 2] = (byte)(length >> 8);
        _bytes[rdStart - 1] = (byte)length;
        _ = start;
        return this;
    }

    public DnsMessageBuilder Raw(params byte[] data)
    {
        _bytes.AddRange(data);
        return this;
    }

    public DnsMessageBuilder U16(int v)
    {
        _bytes.Add((byte)(v >> 8));
        _bytes.Add((byte)v);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A normal NOERROR answer with the given A records for the name.</summary>
    public static byte[] Answer(int id, string name, int type, params string[] addresses)
    {
        var b = new DnsMessageBuilder().Header(id, 0x8180, 1, addresses.Length, 0, 0).Question(name, type);
        foreach (var a in addresses)
        {
            if (type == 1) b.APointer(12, a);
            else
            {
                b.U16(0xC00C).RecordHead(28, 16).Raw(System.Net.IPAddress.Parse(a).GetAddressBytes());
            }
        }
        return b.ToArray();
    }
}
