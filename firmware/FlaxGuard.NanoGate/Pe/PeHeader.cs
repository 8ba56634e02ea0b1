using System.Buffers.Binary;
using System.Text;

namespace FlaxGuard.NanoGate.Pe;

/// <summary>
/// The header of a nanoFramework 1.x .pe (nanoCLR's CLR_RECORD_ASSEMBLY, written by the metadata processor's
/// nanoAssemblyDefinition): marker "NFMRK1", header CRC, assembly CRC, flags, native methods checksum, patch entry
/// offset, version, assembly name (string id), string table version, the start offset of each table, the number of
/// patched methods and the alignment padding after each table. Little-endian throughout.
/// </summary>
public sealed class PeHeader
{
    public const string Marker = "NFMRK1";

    /// <summary>Bytes of the header: 8 marker + 5 x uint + 4 x ushort version + 2 x ushort + 16 x uint + uint + 16 x byte.</summary>
    public const int Size = 8 + 5 * 4 + 4 * 2 + 2 * 2 + TableSlots * 4 + 4 + TableSlots;

    private const int TableSlots = (int)PeTableKind.EndOfAssembly + 1;
    private const int StartOfTablesOffset = 40;
    private const int PaddingOffset = StartOfTablesOffset + TableSlots * 4 + 4;

    private PeHeader(uint headerCrc, uint assemblyCrc, uint flags, uint nativeMethodsChecksum, uint patchEntryOffset,
        Version version, ushort assemblyNameId, ushort stringTableVersion, uint patchedMethods, IReadOnlyList<PeTable> tables,
        int totalSize, string? assemblyName)
    {
        HeaderCrc = headerCrc;
        AssemblyCrc = assemblyCrc;
        Flags = flags;
        NativeMethodsChecksum = nativeMethodsChecksum;
        PatchEntryOffset = patchEntryOffset;
        Version = version;
        AssemblyNameId = assemblyNameId;
        StringTableVersion = stringTableVersion;
        PatchedMethods = patchedMethods;
        Tables = tables;
        TotalSize = totalSize;
        AssemblyName = assemblyName;
    }

    public uint HeaderCrc { get; }
    public uint AssemblyCrc { get; }
    public uint Flags { get; }
    public uint NativeMethodsChecksum { get; }
    public uint PatchEntryOffset { get; }
    public Version Version { get; }

    /// <summary>The assembly name as an id into the string table.</summary>
    public ushort AssemblyNameId { get; }

    /// <summary>The assembly name read from the string table, or null when the id points at a built-in string.</summary>
    public string? AssemblyName { get; }

    public ushort StringTableVersion { get; }
    public uint PatchedMethods { get; }

    /// <summary>Every table (not <see cref="PeTableKind.EndOfAssembly"/>), in file order.</summary>
    public IReadOnlyList<PeTable> Tables { get; }

    /// <summary>Bytes from the start of the header to the end of the last table.</summary>
    public int TotalSize { get; }

    public PeTable this[PeTableKind kind] => Tables[(int)kind];

    public static PeHeader Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Reads the header of the .pe in <paramref name="pe"/>; throws <see cref="PeFormatException"/> when it is
    /// not one.</summary>
    public static PeHeader Parse(ReadOnlySpan<byte> pe)
    {
        if (pe.Length < Size) throw new PeFormatException("a .pe has a header of " + Size + " bytes; this has only " + pe.Length);
        ReadOnlySpan<byte> marker = pe[..8];
        if (!marker.SequenceEqual(Encoding.ASCII.GetBytes(Marker + "\0\0")))
        {
            throw new PeFormatException("not a nanoFramework 1.x .pe: the marker is '" +
                Encoding.ASCII.GetString(marker).TrimEnd('\0') + "', expected '" + Marker + "'");
        }

        var version = new Version(UInt16(pe, 28), UInt16(pe, 30), UInt16(pe, 32), UInt16(pe, 34));
        var starts = new int[TableSlots];
        for (int i = 0; i < TableSlots; i++) starts[i] = checked((int)UInt32(pe, StartOfTablesOffset + i * 4));

        var tables = new List<PeTable>(TableSlots - 1);
        for (int i = 0; i < TableSlots - 1; i++)
        {
            int padding = pe[PaddingOffset + i];
            int size = starts[i + 1] - starts[i] - padding;
            if (starts[i] < Size || size < 0 || starts[i + 1] > pe.Length)
            {
                throw new PeFormatException("table " + (PeTableKind)i + " runs from " + starts[i] + " to " + starts[i + 1] +
                    " (padding " + padding + ") in a file of " + pe.Length + " bytes");
            }
            tables.Add(new PeTable((PeTableKind)i, starts[i], size, padding));
        }

        ushort nameId = UInt16(pe, 36);
        string? name = ReadString(pe, tables[(int)PeTableKind.Strings], nameId);
        return new PeHeader(UInt32(pe, 8), UInt32(pe, 12), UInt32(pe, 16), UInt32(pe, 20), UInt32(pe, 24), version, nameId, UInt16(pe, 38),
            UInt32(pe, StartOfTablesOffset + TableSlots * 4), tables, starts[TableSlots - 1], name);
    }

    private static uint UInt32(ReadOnlySpan<byte> pe, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(pe.Slice(offset, 4));

    private static ushort UInt16(ReadOnlySpan<byte> pe, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(pe.Slice(offset, 2));

    private static string? ReadString(ReadOnlySpan<byte> pe, PeTable strings, ushort id)
    {
        if (id >= strings.Size) return null;
        ReadOnlySpan<byte> rest = pe.Slice(strings.Offset + id, strings.Size - id);
        int end = rest.IndexOf((byte)0);
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }
}
