namespace FlaxGuard.NanoGate.Cli;

/// <summary>The --help text.</summary>
public static class HelpText
{
    public const string Text =
"""
FlaxGuard nanoFramework gate: proves that C# sources can run on .NET nanoFramework 1.x (ESP32).

Usage:
  dotnet run --project firmware/FlaxGuard.NanoGate -- [--target engine|esp32|all] [--source DIR]... [--declarations DIR]... [--help]

It compiles the sources (recursively, skipping bin/ and obj/) with C# 13 against the real mscorlib of
nanoFramework.CoreLibrary 1.17.11 and the compile-only package declarations in firmware/NanoDeclarations,
then inspects the compiled metadata for generic types or methods, generic instantiations (Action<int>, ...),
async state machines and references to assemblies that are not nanoFramework 1.x packages.

By default it gates two assemblies: the engine alone (against firmware/NanoDeclarations, what the engine may use),
and the ESP32 application (firmware/FlaxGuard.Esp32 + the engine sources as one assembly, as its .nfproj builds it,
against firmware/NanoDeclarations + firmware/NanoDeclarations.Esp32: Wi-Fi, HTTP, sockets, GPIO, SNTP, files, runtime).

Options:
  --target T           engine, esp32 or all (default: all; with --source: only the named sources, engine declarations)
  --source DIR         a directory of C# sources to gate (repeatable); default: firmware/FlaxGuard.Engine
  --declarations DIR   extra declaration files (repeatable), on top of firmware/NanoDeclarations; each file
                       starts with '// nanogate-assembly: <assembly name>' and becomes that assembly
  --help               this text

Exit codes: 0 passed, 1 violations (one 'NANOGATE: <kind>: <member or type>' line each), 2 bad usage.
Default directories are found from FlaxGuard.sln, walking up from the current directory.
""";
}
