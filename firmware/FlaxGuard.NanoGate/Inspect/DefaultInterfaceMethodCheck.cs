using System.Reflection;
using System.Reflection.Metadata;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Interface methods with a body (C# 8 default interface methods, static members with code): nanoCLR 1.x
/// dispatches only to class methods. Normally this does not even compile against CoreLibrary 1.17.11 (no
/// RuntimeFeature.DefaultImplementationsOfInterfaces); this catches assemblies built some other way.</summary>
public sealed class DefaultInterfaceMethodCheck : IMetadataCheck
{
    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(typeHandle);
            if ((type.Attributes & TypeAttributes.Interface) == 0) continue;
            foreach (MethodDefinitionHandle handle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress == 0) continue;
                string what = (method.Attributes & MethodAttributes.Static) != 0 ? "static interface method with a body" : "interface method with a body";
                findings.Add(ViolationKind.DefaultInterfaceMethod, "method " + context.Names.MethodDefinition(handle), what);
            }
        }
    }
}
