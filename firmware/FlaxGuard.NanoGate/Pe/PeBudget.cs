using System.Globalization;

namespace FlaxGuard.NanoGate.Pe;

/// <summary>
/// How much of a .pe an assembly may fill. Every table is addressed with 16-bit offsets (<see cref="PeTable.Limit"/>);
/// byte code and strings are the tables that grow with every feature, so they get a budget below the limit that leaves
/// each assembly room to grow before a build breaks.
/// </summary>
public sealed record PeBudget(int ByteCode, int Strings)
{
    /// <summary>48 KiB of byte code and 48 KiB of strings per assembly.</summary>
    public static readonly PeBudget Default = new(48 * 1024, 48 * 1024);

    /// <summary>The budget for <paramref name="kind"/>, or null for tables held only to the 64 KiB limit.</summary>
    public int? For(PeTableKind kind) => kind switch
    {
        PeTableKind.ByteCode => ByteCode,
        PeTableKind.Strings => Strings,
        _ => null,
    };

    /// <summary>One line per table over its budget or its limit, naming the assembly, the table, its bytes and the bound.</summary>
    public IReadOnlyList<string> Check(string assemblyName, PeHeader header)
    {
        var lines = new List<string>();
        foreach (PeTable table in header.Tables)
        {
            if (table.Size > PeTable.Limit)
            {
                lines.Add(Violation.Line(ViolationKind.Budget, assemblyName + ": " + table.Name + " table is " + Bytes(table.Size) +
                    ", over the " + Bytes(PeTable.Limit) + " a .pe table can address"));
            }
            else if (For(table.Kind) is int budget && table.Size > budget)
            {
                lines.Add(Violation.Line(ViolationKind.Budget, assemblyName + ": " + table.Name + " table is " + Bytes(table.Size) +
                    ", over the budget of " + Bytes(budget) + " (limit " + Bytes(PeTable.Limit) + "); split the assembly or shrink it"));
            }
        }
        return lines;
    }

    public static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
