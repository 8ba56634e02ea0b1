using System.Collections.Immutable;
using System.Reflection.PortableExecutable;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Reads a compiled assembly's metadata and reports what nanoFramework 1.x cannot load or run.</summary>
public static class MetadataInspector
{
    private static readonly IMetadataCheck[] Checks =
    {
        new GenericParameterCheck(),
        new GenericMethodInstantiationCheck(),
        new GenericTypeInstantiationCheck(),
        new AsyncStateMachineCheck(),
        new AssemblyReferenceCheck(),
        new NativeImportCheck(),
        new MultidimensionalArrayCheck(),
        new DefaultInterfaceMethodCheck(),
    };

    /// <summary>Violation lines for the assembly in <paramref name="image"/> (empty when it is fine).</summary>
    /// <param name="firmwareAssemblies">FlaxGuard firmware assemblies it may reference besides nanoFramework's.</param>
    public static IReadOnlyList<string> Inspect(byte[] image, IReadOnlySet<string>? firmwareAssemblies = null)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var context = new InspectionContext(pe, firmwareAssemblies);
        var findings = new Findings();
        foreach (IMetadataCheck check in Checks) check.Run(context, findings);
        return findings.Lines();
    }
}
