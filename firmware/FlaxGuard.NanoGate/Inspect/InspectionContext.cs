using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Everything a metadata check needs about the compiled assembly.</summary>
public sealed class InspectionContext
{
    public InspectionContext(PEReader pe, IReadOnlySet<string>? firmwareAssemblies = null)
    {
        PE = pe;
        FirmwareAssemblies = firmwareAssemblies ?? new HashSet<string>(StringComparer.Ordinal);
        Metadata = pe.GetMetadataReader();
        Names = new MetadataNames(Metadata);
        Usage = new IlUsageIndex(pe, Metadata, Names);
        Decoder = new TypeNameProvider(Names);
    }

    public PEReader PE { get; }

    /// <summary>FlaxGuard's own firmware assemblies this one may reference (deployed alongside it).</summary>
    public IReadOnlySet<string> FirmwareAssemblies { get; }
    public MetadataReader Metadata { get; }
    public MetadataNames Names { get; }
    public IlUsageIndex Usage { get; }

    /// <summary>Signature decoder that records generic instantiations (see <see cref="TypeNameProvider.Instantiations"/>).</summary>
    public TypeNameProvider Decoder { get; }
}

/// <summary>One rule about what nanoFramework 1.x cannot load or run.</summary>
public interface IMetadataCheck
{
    void Run(InspectionContext context, Findings findings);
}
