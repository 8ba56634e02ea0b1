using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>ModuleRef rows come from P/Invoke (DllImport); nanoFramework has none, native code lives in the firmware.</summary>
public sealed class NativeImportCheck : IMetadataCheck
{
    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        int rows = md.GetTableRowCount(TableIndex.ModuleRef);
        for (int row = 1; row <= rows; row++)
        {
            ModuleReferenceHandle handle = MetadataTokens.ModuleReferenceHandle(row);
            findings.Add(ViolationKind.NativeImport, md.GetString(md.GetModuleReference(handle).Name));
        }
        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            MethodImport import = md.GetMethodDefinition(handle).GetImport();
            if (import.Module.IsNil) continue;
            findings.Add(ViolationKind.NativeImport, md.GetString(md.GetModuleReference(import.Module).Name),
                "method " + context.Names.MethodDefinition(handle));
        }
    }
}
