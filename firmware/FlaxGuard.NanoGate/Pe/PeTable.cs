namespace FlaxGuard.NanoGate.Pe;

/// <summary>One table of a .pe: where it starts, how many bytes it holds (without the alignment padding after it) and,
/// for tables of fixed-size records, how many rows. Every table is addressed with 16-bit offsets or indexes, hence
/// <see cref="Limit"/>.</summary>
public sealed record PeTable(PeTableKind Kind, int Offset, int Size, int Padding)
{
    /// <summary>The most bytes any one table may hold.</summary>
    public const int Limit = ushort.MaxValue;

    /// <summary>Bytes per record (CLR_RECORD_* of nanoCLR 1.x), or null for tables of variable-size entries
    /// (strings, signatures, byte code, resource data and files).</summary>
    public int? RowSize => RowSizes.Of(Kind);

    /// <summary>Number of records, or null for tables of variable-size entries.</summary>
    public int? RowCount => RowSize is int size ? Size / size : null;

    /// <summary>Share of <see cref="Limit"/> used, in percent.</summary>
    public double PercentOfLimit => Size * 100.0 / Limit;

    /// <summary>The table's name as printed ("ByteCode", "Strings", "TypeDef", ...).</summary>
    public string Name => Kind.ToString();

    private static class RowSizes
    {
        public static int? Of(PeTableKind kind) => kind switch
        {
            PeTableKind.AssemblyRef => 12, // name, pad, version (4 x ushort)
            PeTableKind.TypeRef => 8,      // name, namespace, scope, pad
            PeTableKind.FieldRef => 8,     // name, container, signature, pad
            PeTableKind.MethodRef => 8,    // name, container, signature, pad
            PeTableKind.TypeDef => 24,     // name, namespace, extends, enclosing, interfaces, methods, counts, fields, flags
            PeTableKind.FieldDef => 8,     // name, signature, default value, flags
            PeTableKind.MethodDef => 16,   // name, RVA, flags (uint), ret, args, locals, stack, locals sig, signature
            PeTableKind.Attributes => 8,   // owner table, owner index, constructor, data
            PeTableKind.TypeSpec => 4,     // signature, pad
            PeTableKind.Resources => 8,    // id, kind, flags, offset
            _ => null,
        };
    }
}
