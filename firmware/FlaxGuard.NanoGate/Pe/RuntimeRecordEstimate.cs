namespace FlaxGuard.NanoGate.Pe;

/// <summary>
/// Managed heap that nanoCLR takes for its own records when it loads an assembly, before the app allocates anything,
/// computed from the .pe's row counts. Source: nf-interpreter (main @ a3e8139a1ba7, same structs as e8b977db4385),
/// <c>CLR_RT_Assembly::CreateInstance</c> in src/CLR/Core/TypeSystem.cpp: one block from the managed heap holding the
/// assembly record and its cross-reference arrays, each array rounded up to 4 bytes, the whole rounded up to 12-byte
/// heap blocks. Record sizes on a 32-bit target from src/CLR/Include/nanoCLR_Runtime.h. Byte code, strings and
/// signatures stay in memory-mapped flash on ESP32 and cost no RAM. Checked against an ESP32 boot log that prints this
/// overhead per assembly (240 bytes for a 3/7/0/7/1/2/5-row app).
/// </summary>
public sealed record RuntimeRecordEstimate(int AssemblyRecord, int CrossReferences, int StaticFields, int DebuggingInfo)
{
    /// <summary>CLR_RT_Assembly with source-level debugging on (ESP32_REV0 and ESP32_BLE_REV0 are not RTM builds).</summary>
    public const int AssemblyRecordBytes = 140;

    /// <summary>One CLR_RT_HeapBlock: the unit the managed heap hands out.</summary>
    public const int HeapBlockBytes = 12;

    /// <summary>Bytes of the TypeDef record in a v1 .pe, and where its static-field count (sFields_Num) sits.</summary>
    private const int TypeDefRecordBytes = 24;
    private const int StaticFieldCountOffset = 20;

    public int Total => RoundUp(AssemblyRecord + CrossReferences + StaticFields + DebuggingInfo, HeapBlockBytes);

    /// <summary>The estimate for the .pe in <paramref name="pe"/> with the header already read from it.</summary>
    public static RuntimeRecordEstimate For(PeHeader header, ReadOnlySpan<byte> pe)
    {
        int Rows(PeTableKind kind) => header[kind].RowCount ?? 0;

        int crossReferences =
            RoundUp(4 * Rows(PeTableKind.AssemblyRef), 4) +   // CLR_RT_AssemblyRef_CrossReference: CLR_RT_Assembly*
            RoundUp(4 * Rows(PeTableKind.TypeRef), 4) +       // CLR_RT_TypeRef_CrossReference: TypeDef index
            RoundUp(4 * Rows(PeTableKind.FieldRef), 4) +      // CLR_RT_FieldRef_CrossReference: FieldDef index
            RoundUp(4 * Rows(PeTableKind.MethodRef), 4) +     // CLR_RT_MethodRef_CrossReference: MethodDef index
            RoundUp(8 * Rows(PeTableKind.TypeDef), 4) +       // CLR_RT_TypeDef_CrossReference: flags, total fields, hash
            RoundUp(2 * Rows(PeTableKind.FieldDef), 4) +      // CLR_RT_FieldDef_CrossReference: offset
            RoundUp(2 * Rows(PeTableKind.MethodDef), 4);      // CLR_RT_MethodDef_CrossReference: data

        // One CLR_RT_HeapBlock per static field; the metadata processor leaves constants out of the count.
        PeTable typeDefs = header[PeTableKind.TypeDef];
        int statics = 0;
        for (int row = 0; row < Rows(PeTableKind.TypeDef); row++)
        {
            statics += pe[typeDefs.Offset + row * TypeDefRecordBytes + StaticFieldCountOffset];
        }

        // CLR_RT_MethodDef_DebuggingInfo: one byte per method while source-level debugging is compiled in.
        int debugging = RoundUp(Rows(PeTableKind.MethodDef), 4);
        return new RuntimeRecordEstimate(AssemblyRecordBytes, crossReferences, RoundUp(HeapBlockBytes * statics, 4), debugging);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
