using System.Diagnostics;

namespace FlaxGuard.Fuzz.Tests;

/// <summary>What one target did with a smoke run's inputs.</summary>
public sealed record SmokeResult(int Inputs, int Accepted, TimeSpan Elapsed, TimeSpan SlowestInput, long MostAllocatedBytes, SmokeFailure? Failure);

/// <summary>The first input a target crashed, hung or over-allocated on.</summary>
public sealed record SmokeFailure(string What, byte[] Input);

/// <summary>
/// Feeds a target one input after another on a thread of its own, watched from outside, so a parser that loops
/// forever is reported with its input instead of stalling the test run. Stops at the input count or the time budget.
/// </summary>
public static class SmokeRun
{
    public static SmokeResult Run(IFuzzTarget target, IEnumerable<byte[]> inputs, int maxInputs, TimeSpan budget, TimeSpan hangAfter, Func<int, long> allocationBound)
    {
        int count = 0, accepted = 0;
        long mostAllocated = 0;
        long slowestTicks = 0;
        long currentStart = 0;
        byte[]? current = null;
        SmokeFailure? failure = null;
        var clock = Stopwatch.StartNew();

        var worker = new Thread(() =>
        {
            foreach (byte[] input in inputs)
            {
                if (count >= maxInputs || clock.Elapsed > budget) break;
                Volatile.Write(ref current, input);
                Volatile.Write(ref currentStart, clock.ElapsedTicks);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    if (target.Run(input)) accepted++;
                }
                catch (Exception e)
                {
                    failure = new SmokeFailure($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}", input);
                    return;
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                long took = clock.ElapsedTicks - Volatile.Read(ref currentStart);
                count++;
                mostAllocated = Math.Max(mostAllocated, allocated);
                slowestTicks = Math.Max(slowestTicks, took);
                if (allocated > allocationBound(input.Length))
                {
                    failure = new SmokeFailure($"allocated {allocated:N0} bytes for a {input.Length}-byte input (bound {allocationBound(input.Length):N0})", input);
                    return;
                }
            }
            Volatile.Write(ref current, null);
        })
        { IsBackground = true, Name = "fuzz smoke " + target.Name };
        worker.Start();

        while (!worker.Join(TimeSpan.FromMilliseconds(50)))
        {
            byte[]? running = Volatile.Read(ref current);
            long runningFor = clock.ElapsedTicks - Volatile.Read(ref currentStart);
            if (running is not null && runningFor > hangAfter.TotalSeconds * Stopwatch.Frequency)
            {
                // The worker is left spinning (a background thread); the run is failed with the input that hangs it.
                return new SmokeResult(count, accepted, clock.Elapsed, TimeSpan.FromSeconds((double)runningFor / Stopwatch.Frequency), mostAllocated,
                    new SmokeFailure($"no result after {hangAfter.TotalSeconds} s: a hang", running));
            }
        }
        return new SmokeResult(count, accepted, clock.Elapsed, TimeSpan.FromSeconds((double)slowestTicks / Stopwatch.Frequency), mostAllocated, failure);
    }
}
