using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>The managed heap nanoCLR takes for an assembly's records, from its .pe tables (nf-interpreter's
/// CLR_RT_Assembly::CreateInstance sizes, 32-bit, source-level debugging on as on ESP32_REV0).</summary>
[TestClass]
public sealed class RuntimeRecordEstimateTests
{
    [TestMethod]
    public void RealMscorlib_CostsWhatItsRowsAdd_UpToWholeHeapBlocks()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.pe"));
        var records = RuntimeRecordEstimate.For(PeHeader.Parse(bytes), bytes);

        // 141 types x 8, 87 fields x 2, 803 methods x 2 (+ 1 debug byte each), 16 static fields x 12, record 140:
        // worked out independently from the same .pe; 4,048 bytes, 338 heap blocks of 12.
        Assert.AreEqual(140, records.AssemblyRecord);
        Assert.AreEqual(1128 + 176 + 1608, records.CrossReferences);
        Assert.AreEqual(16 * 12, records.StaticFields);
        Assert.AreEqual(804, records.DebuggingInfo);
        Assert.AreEqual(4056, records.Total);
        Assert.AreEqual(0, records.Total % RuntimeRecordEstimate.HeapBlockBytes);
    }

    [TestMethod]
    public void StaticFields_CountOnce_AndConstantsCostNothing()
    {
        FirmwareFixture.RequireMetadataProcessor();
        using var fixture = new FirmwareFixture();
        fixture.Project("Fx.Statics");
        fixture.Source("Fx.Statics/Types.cs", """
            namespace Fx.Statics
            {
                public sealed class Holder
                {
                    public const int Limit = 5;
                    public const string Name = "x";
                    public static int First;
                    public static string Second;
                    private static readonly int[] Third = new int[2];
                    public int Instance;
                    public static int Sum() { return First + Third.Length + Limit + Second.Length + Name.Length; }
                }
            }
            """);
        NanoGateResult result = fixture.Run();
        Assert.IsTrue(result.Passed, result.Report);
        AssemblyGateResult assembly = result.Assemblies.Single(a => a.Name == "Fx.Statics");

        Assert.IsNotNull(assembly.RuntimeRecords, "an assembly with a .pe gets an estimate");
        Assert.AreEqual(3 * RuntimeRecordEstimate.HeapBlockBytes, assembly.RuntimeRecords.StaticFields, "First, Second, Third; not the constants");
        StringAssert.Contains(FlaxGuard.NanoGate.Cli.SizeReport.Summary(assembly, PeBudget.Default), "runtime records " + assembly.RuntimeRecords.Total.ToString("N0"));
    }
}
