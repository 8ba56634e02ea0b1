using BenchmarkDotNet.Running;

namespace FlaxGuard.Bench;

public static class Program
{
    // BenchmarkSwitcher discovers every benchmark class in this assembly, so new ones need no registration.
    public static int Main(string[] args)
    {
        // Timed harnesses for what BenchmarkDotNet cannot host (real daemons in network namespaces).
        if (args.Length > 0 && args[0] == "--sweep-vs-nmap") return SweepVsNmapHarness.Run(args);
        if (args.Length > 0 && args[0] == "--hashdb-harness") return HashDbHarness.Run(args);
        if (args.Length > 0 && args[0] == "--ingest-harness") return IngestHarness.Run(args);
        if (args.Length > 0 && args[0] == "--dashboard-harness") return DashboardHarness.Run(args);
        if (args.Length > 0 && args[0] == "--agent-memory") return AgentMemoryHarness.Run(args);
        if (args.Length > 0 && args[0] == "--scenario-suite") return ScenarioSuiteHarness.Run(args);
        if (args.Length > 0 && args[0] == "--flash-measure") return FlashMeasureHarness.Run(args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
