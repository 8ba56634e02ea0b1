using System.Globalization;
using System.Text;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate.Cli;

/// <summary>Formats what the .pe files hold: one summary line per assembly, then one table of every .pe table of every
/// assembly against its 64 KiB limit (and, for byte code and strings, the 48 KiB budget). Plain text for CI logs.</summary>
public static class SizeReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(AssemblyGateResult assembly, PeBudget budget)
    {
        string verdict = assembly.Passed ? "passed" : "FAILED (" + assembly.Violations.Count + " violation(s))";
        string head = "nanogate: " + assembly.Name + " (" + assembly.Kind + ", " + assembly.SourceFileCount + " C# file(s)): " + verdict;
        if (assembly.Pe is PeHeader pe)
        {
            PeTable largest = pe.Tables.Where(t => budget.For(t.Kind) == null).MaxBy(t => t.Size)!;
            return head + "; byte code " + Against(pe[PeTableKind.ByteCode].Size, budget.ByteCode, "budget") +
                   ", strings " + Against(pe[PeTableKind.Strings].Size, budget.Strings, "budget") +
                   ", largest other table " + largest.Name + " " + Against(largest.Size, PeTable.Limit, "limit") +
                   "; .pe " + Number(pe.TotalSize) + " bytes" +
                   (assembly.RuntimeRecords is { } records ? "; runtime records " + Number(records.Total) + " bytes of heap" : "");
        }
        if (assembly.Measured is { } measured)
        {
            return head + "; the metadata processor refused it: needs byte code " + Number(measured.ByteCodeBytes) +
                   " bytes, strings " + Number(measured.StringBytes) + " bytes (limit " + Number(PeTable.Limit) + " each)";
        }
        return head + (assembly.DllPath == null ? "; not compiled" : "; no .pe");
    }

    /// <summary>The table, or null when no assembly has a .pe.</summary>
    public static string? Table(IReadOnlyList<AssemblyGateResult> assemblies, PeBudget budget)
    {
        var withPe = assemblies.Where(a => a.Pe != null).ToList();
        if (withPe.Count == 0) return null;

        int nameWidth = Math.Max("Assembly".Length, withPe.Max(a => a.Name.Length));
        var text = new StringBuilder();
        string header = "Assembly".PadRight(nameWidth) + "  " + "Table".PadRight(15) + "Bytes".PadLeft(9) + "Rows".PadLeft(7) +
                        "  % of 65,535" + "  Budget";
        text.AppendLine(header);
        text.AppendLine(new string('-', header.Length + 18));
        foreach (AssemblyGateResult assembly in withPe)
        {
            bool first = true;
            foreach (PeTable table in assembly.Pe!.Tables)
            {
                string name = first ? assembly.Name : "";
                first = false;
                string rows = table.RowCount is int count ? Number(count) : "-";
                string percent = table.PercentOfLimit.ToString("0.0", Invariant) + "%";
                string budgetText = budget.For(table.Kind) is int bound
                    ? (table.Size * 100.0 / bound).ToString("0", Invariant) + "% of " + Number(bound) + (table.Size > bound ? "  OVER" : "")
                    : (table.Size > PeTable.Limit ? "OVER LIMIT" : "");
                text.Append(name.PadRight(nameWidth)).Append("  ").Append(table.Name.PadRight(15))
                    .Append(Number(table.Size).PadLeft(9)).Append(rows.PadLeft(7))
                    .Append(percent.PadLeft(12)).Append("  ").Append(budgetText).AppendLine();
            }
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>One line: the managed heap nanoCLR takes for the records of these assemblies when it loads them, or
    /// null when none has a .pe. mscorlib's own records are shown apart: the heap figure is measured after them.</summary>
    public static string? RuntimeHeap(IReadOnlyList<AssemblyGateResult> assemblies)
    {
        var estimated = assemblies.Where(a => a.RuntimeRecords != null).ToList();
        if (estimated.Count == 0) return null;
        int total = estimated.Sum(a => a.RuntimeRecords!.Total);
        string core = Esp32Heap.CoreLibraryRecords() is { } corlib ? "; mscorlib's own " + Number(corlib.Total) + " bytes come before" : "";
        return "nanogate: runtime records (nanoCLR type, method and field records, static fields, from the .pe tables): " +
               Number(total) + " bytes for " + estimated.Count + " assembly(ies) = " +
               (total * 100.0 / Esp32Heap.Rev0FreeBytes).ToString("0", Invariant) + "% of " + Esp32Heap.Source + core;
    }

    private static string Against(long bytes, int bound, string what) =>
        Number(bytes) + " bytes (" + (bytes * 100.0 / bound).ToString("0", Invariant) + "% of the " + Number(bound) + "-byte " + what + ")";

    private static string Number(long value) => value.ToString("N0", Invariant);
}
