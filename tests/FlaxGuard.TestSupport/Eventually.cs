using System.Diagnostics;

namespace FlaxGuard.TestSupport;

/// <summary>Polls a condition that a real process makes true in its own time (a stored report, an alert sent).</summary>
public static class Eventually
{
    public static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan within, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (await condition()) return;
            await Task.Delay(250);
        }
        Assert.Fail($"not within {within.TotalSeconds:0} s: {failure()}");
    }
}
