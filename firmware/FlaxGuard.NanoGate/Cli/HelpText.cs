namespace FlaxGuard.NanoGate.Cli;

/// <summary>The --help text.</summary>
public static class HelpText
{
    public const string Text =
"""
FlaxGuard nanoFramework gate: proves that the firmware assemblies can be built for and run on .NET nanoFramework 1.x (ESP32).

Usage:
  dotnet run --project firmware/FlaxGuard.NanoGate -- [--target all|engine|esp32] [--pe-out DIR] [--mdp DIR] [--require-mdp]
                                                      [--source DIR]... [--declarations DIR]... [--help]

Every firmware assembly is an .nfproj under firmware/ (bin/ and obj/ skipped). In dependency order, each is
  1. compiled with C# 13 against the real mscorlib of nanoFramework.CoreLibrary 1.17.11, the compile-only declarations
     of the packages its <Reference> items name (firmware/NanoDeclarations, firmware/NanoDeclarations.Esp32; name and
     major.minor version must match) and the firmware assemblies its <ProjectReference> items name;
  2. inspected for generic types, methods and instantiations, async state machines, multidimensional arrays, default
     interface methods, P/Invoke and references to assemblies that are not nanoFramework 1.x packages;
  3. turned into a .pe by nanoFramework's own metadata processor; every table of the .pe must stay under 65,535 bytes,
     byte code and strings under their budget of 49,152 bytes (48 KiB) each. A table of every assembly's .pe is printed.

Options:
  --target T           all (default: every .nfproj), engine (every Library .nfproj) or esp32 (every Exe .nfproj and
                       what it references)
  --pe-out DIR         write each X.dll and the X.pe made from it into DIR (default: a temporary directory)
  --mdp DIR            the metadata processor folder (strict/mdp.dll, measure/mdp.dll); default: $FLAXGUARD_NANO_MDP,
                       else ../shared/tools/nanoframework-mdp beside the repository (the FlaxGuard workplace has it there)
  --require-mdp        fail when the metadata processor is not found (CI); without it the processor checks are skipped
                       with a note and the other checks decide
  --source DIR         gate the C# files of DIR (repeatable) as one ad-hoc assembly instead of the .nfproj assemblies,
                       against firmware/NanoDeclarations (with --target esp32: also firmware/NanoDeclarations.Esp32)
  --declarations DIR   extra declaration files (repeatable); each file starts with '// nanogate-assembly: <name>' and
                       carries [assembly: System.Reflection.AssemblyVersion("a.b.c.d")], the package's real version
  --help               this text

Exit codes: 0 passed, 1 violations (one 'NANOGATE: <kind>: ...' line each), 2 bad usage.
Default directories are found from FlaxGuard.sln, walking up from the current directory.
""";
}
