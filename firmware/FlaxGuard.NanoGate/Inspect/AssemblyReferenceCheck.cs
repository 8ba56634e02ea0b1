using System.Reflection.Metadata;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Every AssemblyRef must be a nanoFramework 1.x assembly (<see cref="AssemblyAllowlist"/>) or one of FlaxGuard's
/// own firmware assemblies the project references; names the
/// types used from any other.</summary>
public sealed class AssemblyReferenceCheck : IMetadataCheck
{
    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
        {
            string name = md.GetString(md.GetAssemblyReference(handle).Name);
            if (AssemblyAllowlist.Contains(name) || context.FirmwareAssemblies.Contains(name)) continue;

            findings.Add(ViolationKind.AssemblyReference, name, "not a nanoFramework 1.x assembly");
            foreach (TypeReferenceHandle typeHandle in md.TypeReferences)
            {
                TypeReference type = md.GetTypeReference(typeHandle);
                if (type.ResolutionScope == (EntityHandle)handle)
                {
                    findings.Add(ViolationKind.AssemblyReference, name, "uses " + context.Names.TypeReference(typeHandle));
                }
            }
        }
    }
}
