using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Any GenericParam row means a generic type or method of our own: nanoFramework 1.x cannot load it
/// (the 1.x metadata processor fails with NFMDP 0x81010009, or the device does).</summary>
public sealed class GenericParameterCheck : IMetadataCheck
{
    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        int rows = md.GetTableRowCount(TableIndex.GenericParam);
        for (int row = 1; row <= rows; row++)
        {
            GenericParameter parameter = md.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
            EntityHandle owner = parameter.Parent;
            string subject = owner.Kind == HandleKind.MethodDefinition
                ? "method " + context.Names.MethodDefinition((MethodDefinitionHandle)owner, withGenericParameters: true)
                : "type " + context.Names.Type(owner);
            findings.Add(ViolationKind.GenericParameter, subject);
        }
    }
}
