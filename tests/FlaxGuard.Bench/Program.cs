using BenchmarkDotNet.Running;

namespace FlaxGuard.Bench;

public static class Program
{
    // BenchmarkSwitcher discovers every benchmark class in this assembly, so new ones need no registration.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
