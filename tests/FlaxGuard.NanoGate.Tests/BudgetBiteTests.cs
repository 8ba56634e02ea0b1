using System.Text;
using FlaxGuard.NanoGate;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>An assembly over the 48 KiB budget, or over what a .pe table can address, fails with a line naming the
/// assembly, the table and the bytes. Generated sources keep the compile cheap.</summary>
[TestClass]
public sealed class BudgetBiteTests
{
    /// <summary>Distinct string literals of <paramref name="length"/> characters, one per method.</summary>
    private static string Literals(string ns, int count, int length)
    {
        var code = new StringBuilder("namespace " + ns + "\n{\n    public static class Texts\n    {\n");
        for (int i = 0; i < count; i++)
        {
            string literal = i.ToString("D5") + new string((char)('a' + i % 26), length - 5);
            code.Append("        public static string T").Append(i).Append("() { return \"").Append(literal).Append("\"; }\n");
        }
        return code.Append("    }\n}\n").ToString();
    }

    [TestMethod]
    public void StringsOverTheBudget_ButUnderTheLimit_FailWithTheAssemblyTableAndBytes()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.Wordy");
        fixture.Source("Fx.Wordy/Texts.cs", Literals("Fx.Wordy", 52, 1000)); // about 52 KB of strings: over 48 KiB, under 64 KiB

        NanoGateResult result = fixture.Run();

        AssemblyGateResult wordy = result.Assembly("Fx.Wordy");
        Assert.IsNotNull(wordy.Pe, "the processor must still write the .pe (under the limit): " + result.Report);
        Assert.IsGreaterThan(PeBudget.Default.Strings, wordy.Pe[PeTableKind.Strings].Size);
        Gate.AssertViolation(result, ViolationKind.Budget, "Fx.Wordy", "Strings", "over the budget of 49,152 bytes",
            wordy.Pe[PeTableKind.Strings].Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void ByteCodeOverTheLimit_IsRefusedByTheProcessor_AndMeasured()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = new FirmwareFixture();
        var code = new StringBuilder("namespace Fx.Big\n{\n    public static class Sums\n    {\n");
        for (int m = 0; m < 120; m++)
        {
            code.Append("        public static int S").Append(m).Append("(int a, int b)\n        {\n");
            for (int i = 0; i < 100; i++) code.Append("            a = a * ").Append(i + 3).Append(" + b; b = b ^ a;\n");
            code.Append("            return a + b;\n        }\n");
        }
        fixture.Project("Fx.Big");
        fixture.Source("Fx.Big/Sums.cs", code.Append("    }\n}\n").ToString());

        NanoGateResult result = fixture.Run();

        Gate.AssertViolation(result, ViolationKind.MetadataProcessor, "Fx.Big", "Byte code table overflow");
        string measured = Gate.AssertViolation(result, ViolationKind.MetadataProcessor, "Fx.Big: it needs", "of byte code");
        Assert.IsGreaterThan(PeTable.Limit, result.Assembly("Fx.Big").Measured!.ByteCodeBytes, measured);
        Assert.IsNull(result.Assembly("Fx.Big").Pe);
    }

    [TestMethod]
    public void Budget_IsCheckedOnEveryTable()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.Small");
        fixture.Source("Fx.Small/S.cs", "namespace Fx.Small { public static class S { public static int One() { return 1; } } }");
        PeHeader pe = fixture.Run().Assembly("Fx.Small").Pe!;

        // A tiny budget turns the same .pe into violations for byte code and strings, and only for those.
        var lines = new PeBudget(ByteCode: 1, Strings: 1).Check("Fx.Small", pe);

        Assert.HasCount(2, lines, string.Join("\n", lines));
        StringAssert.Contains(lines[0], "Fx.Small: Strings table is");
        StringAssert.Contains(lines[1], "Fx.Small: ByteCode table is");
    }
}
