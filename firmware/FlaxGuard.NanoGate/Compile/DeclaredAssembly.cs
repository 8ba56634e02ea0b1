using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>One compiled declaration assembly: its real name and version (from the file's [assembly: AssemblyVersion]),
/// the image (written next to the real mscorlib.dll for the metadata processor) and the compiler reference.</summary>
public sealed record DeclaredAssembly(string Name, Version Version, byte[] Image, MetadataReference Reference);
