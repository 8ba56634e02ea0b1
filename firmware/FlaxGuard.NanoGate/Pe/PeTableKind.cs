namespace FlaxGuard.NanoGate.Pe;

/// <summary>The tables of a nanoFramework 1.x .pe, in the order the metadata processor (v3.0.100, marker NFMRK1) writes
/// them and nanoCLR indexes <c>startOfTables[]</c> (nf-interpreter nanoCLR_Types.h, TBL_*).</summary>
public enum PeTableKind
{
    AssemblyRef = 0,
    TypeRef = 1,
    FieldRef = 2,
    MethodRef = 3,
    TypeDef = 4,
    FieldDef = 5,
    MethodDef = 6,
    Attributes = 7,
    TypeSpec = 8,
    Resources = 9,
    ResourcesData = 10,
    Strings = 11,
    Signatures = 12,
    ByteCode = 13,
    ResourcesFiles = 14,

    /// <summary>Not a table: its start is the end of the assembly.</summary>
    EndOfAssembly = 15,
}
