using FlaxGuard.Fuzz;
using FlaxGuard.Fuzz.Seeds;
using SharpFuzz;

// dotnet run --project tests/FlaxGuard.Fuzz -- <target>                 run under afl-fuzz (started by tests/fuzz.sh)
// dotnet run --project tests/FlaxGuard.Fuzz -- <target> --libfuzzer     run under libfuzzer-dotnet
// dotnet run --project tests/FlaxGuard.Fuzz -- <target> --replay PATH.. replay files or folders (a crash's input)
// dotnet run --project tests/FlaxGuard.Fuzz -- list | write-seeds DIR

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: FlaxGuard.Fuzz <target> [--libfuzzer | --replay PATH...] | list | write-seeds CORPUS_DIR");
    return 2;
}
if (args[0] == "list")
{
    foreach (IFuzzTarget t in FuzzTargets.All) Console.WriteLine($"{t.Name,-14} {t.Feeds}");
    return 0;
}
if (args[0] == "write-seeds")
{
    if (args.Length != 2) { Console.Error.WriteLine("usage: FlaxGuard.Fuzz write-seeds CORPUS_DIR"); return 2; }
    foreach (string path in SeedWriter.WriteAll(args[1])) Console.WriteLine(path);
    return 0;
}

IFuzzTarget? target = FuzzTargets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length >= 2 && args[1] == "--replay") return Replay.Run(target, args[2..]);
if (args.Length >= 2 && args[1] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => target.Run(span.ToArray()));
    return 0;
}
// afl-fuzz: the input arrives on a stream; an exception that escapes is reported to afl as a crash.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target.Run(buffer.ToArray());
});
return 0;
