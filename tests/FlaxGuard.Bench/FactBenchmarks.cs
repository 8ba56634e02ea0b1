using FlaxGuard.Engine.Families;
using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Bench;

/// <summary>
/// Digest and drift over 10,000 facts, the size of a large router configuration. Target: under 10 ms
/// and under 2 MB allocated for the digest of both sets plus the drift between them.
/// </summary>
[MemoryDiagnoser]
public class FactBenchmarks
{
    private FactSet _baseline = null!;
    private FactSet _current = null!;
    private DriftRules _rules = null!;

    [Params(10_000)]
    public int Facts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _baseline = new FactSet(Facts);
        _current = new FactSet(Facts);
        for (var i = 0; i < Facts; i++)
        {
            // Keys shaped like real ones (uci sections, ports, assets), inserted in random order.
            var key = (i % 4) switch
            {
                0 => $"cfg.firewall.redirect{random.Next():x8}.dest_port",
                1 => $"net.tcp.{i}",
                2 => $"http.asset./www/luci-static/{random.Next():x8}.js.sha256",
                _ => $"cfg.network.lan{i}.ipaddr",
            };
            var value = $"value-{random.Next():x8}";
            _baseline.Add(key, value, FactKind.Config);
            // One in a hundred changes, one in a thousand disappears, and a few appear.
            if (i % 1000 == 7) continue;
            _current.Add(key, i % 100 == 3 ? value + "x" : value, FactKind.Config);
        }
        for (var i = 0; i < 10; i++) _current.Add($"cfg.user.intruder{i}", "present", FactKind.Config);
        _rules = DeviceFamilies.CreateDriftRules();
        // The sets sort lazily; sort once here so the benchmark measures digest and drift, not first-time sorting.
        _ = _baseline[0];
        _ = _current[0];
    }

    [Benchmark]
    public int DigestBothAndDrift()
    {
        var a = _baseline.Digest();
        var b = _current.Digest();
        var drift = DriftReport.Compute(_baseline, _current, _rules);
        return a[0] + b[0] + drift.Count;
    }

    [Benchmark]
    public byte[] DigestOnly() => _current.Digest();

    [Benchmark]
    public int SortAndDigestFromUnsorted()
    {
        var set = new FactSet(Facts);
        foreach (var fact in _current.ToArray().Reverse()) set.Add(fact);
        return set.Digest()[0];
    }
}
