using FlaxGuard.Engine.Platform;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Appliance;

/// <summary>Shared bits for the appliance tests: a real directory store and a clock the test moves by hand.</summary>
internal static class ApplianceTestKit
{
    public static DirectoryKeyValueStore NewStore(string name) =>
        new(Path.Combine(Path.GetTempPath(), "flaxguard-tests", "appliance-" + name + "-" + Guid.NewGuid().ToString("n")));

    public static byte[] Bytes(int length, byte fill)
    {
        var data = new byte[length];
        Array.Fill(data, fill);
        return data;
    }
}

/// <summary>A clock the test advances; monotonic and wall time move together.</summary>
internal sealed class ManualClock : IClock
{
    public long UtcUnixMilliseconds { get; set; } = 1_764_201_600_000;
    public long MonotonicMilliseconds { get; set; } = 1_000;

    public void Advance(long ms)
    {
        UtcUnixMilliseconds += ms;
        MonotonicMilliseconds += ms;
    }
}
