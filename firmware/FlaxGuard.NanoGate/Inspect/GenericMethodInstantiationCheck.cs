using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Any MethodSpec row is a call to a generic method with type arguments.</summary>
public sealed class GenericMethodInstantiationCheck : IMetadataCheck
{
    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        int rows = md.GetTableRowCount(TableIndex.MethodSpec);
        for (int row = 1; row <= rows; row++)
        {
            MethodSpecificationHandle handle = MetadataTokens.MethodSpecificationHandle(row);
            findings.AddUsers(ViolationKind.GenericMethodInstantiation, context.Names.Member(handle), context.Usage.UsersOf(handle));
        }
    }
}
