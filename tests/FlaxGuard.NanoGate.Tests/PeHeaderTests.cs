using FlaxGuard.NanoGate.Compile;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>The .pe reader against the real mscorlib.pe of nanoFramework.CoreLibrary 1.17.11 and against a .pe the real
/// metadata processor makes.</summary>
[TestClass]
public sealed class PeHeaderTests
{
    private static string MscorlibPe => Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.pe");

    [TestMethod]
    public void RealMscorlibPe_HeaderAndTablesAddUp()
    {
        byte[] bytes = File.ReadAllBytes(MscorlibPe);
        PeHeader pe = PeHeader.Parse(bytes);

        Assert.AreEqual(new Version(1, 17, 11, 0), pe.Version);
        Assert.AreEqual(bytes.Length, pe.TotalSize);
        Assert.HasCount(15, pe.Tables);
        int expectedStart = PeHeader.Size;
        foreach (PeTable table in pe.Tables)
        {
            Assert.AreEqual(expectedStart, table.Offset, table.Name + " must start where the previous table ended");
            expectedStart = table.Offset + table.Size + table.Padding;
            if (table.RowSize is int size) Assert.AreEqual(0, table.Size % size, table.Name + " is not a whole number of records");
        }
        // Known shape of CoreLibrary 1.17.11: no references (it is the corlib), 141 types, 803 methods.
        Assert.AreEqual(0, pe[PeTableKind.AssemblyRef].RowCount);
        Assert.AreEqual(141, pe[PeTableKind.TypeDef].RowCount);
        Assert.AreEqual(803, pe[PeTableKind.MethodDef].RowCount);
        Assert.AreEqual(9835, pe[PeTableKind.ByteCode].Size);
    }

    [TestMethod]
    public void NotAPe_IsAFormatErrorNamingTheMarker()
    {
        byte[] bytes = new byte[PeHeader.Size + 10];
        "MZ"u8.CopyTo(bytes);

        var error = Assert.ThrowsExactly<PeFormatException>(() => PeHeader.Parse(bytes));

        StringAssert.Contains(error.Message, "NFMRK1");
    }

    [TestMethod]
    public void PeOfAFixture_HasItsNameVersionAndOneRowPerTypeAndMethod()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.Counted");
        fixture.Source("Fx.Counted/Types.cs", """
            [assembly: System.Reflection.AssemblyVersion("2.5.7.0")]
            namespace Fx.Counted
            {
                public sealed class One { public int Value; public int Get() { return Value; } }
                public sealed class Two { public static int Twice(int x) { return x * 2; } }
                public enum Three { A, B, C }
            }
            """);

        NanoGateResult result = fixture.Run();
        Assert.IsTrue(result.Passed, result.Report);
        PeHeader pe = PeHeader.Read(Path.Combine(fixture.PeOut, "Fx.Counted.pe"));

        Assert.AreEqual("Fx.Counted", pe.AssemblyName);
        Assert.AreEqual(new Version(2, 5, 7, 0), pe.Version);
        Assert.AreEqual(4, pe[PeTableKind.TypeDef].RowCount, "<Module>, One, Two, Three");
        Assert.IsGreaterThanOrEqualTo(4, pe[PeTableKind.MethodDef].RowCount!.Value, "One.Get, One..ctor, Two.Twice, Two..ctor at least");
        Assert.AreEqual(1, pe[PeTableKind.AssemblyRef].RowCount, "mscorlib only");
        Assert.AreEqual(new FileInfo(Path.Combine(fixture.PeOut, "Fx.Counted.pe")).Length, pe.TotalSize);
    }
}
