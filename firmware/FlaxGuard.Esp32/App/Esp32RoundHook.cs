using FlaxGuard.Engine.Appliance;
using nanoFramework.Hardware.Esp32;

namespace FlaxGuard.Esp32.App
{
    /// <summary>
    /// Between two targets: a compacting garbage collection (a non-PSRAM ESP32 has about 79 KB of managed heap, and
    /// fragmentation is what kills long-running nanoFramework apps), then a log line with the free managed and native
    /// heap, so a target that leaks or bloats shows up in the log.
    /// </summary>
    public sealed class Esp32RoundHook : ITargetRoundHook
    {
        private readonly Supervisor _supervisor;

        public Esp32RoundHook(Supervisor supervisor)
        {
            _supervisor = supervisor;
        }

        public bool AfterTarget(int index, int count, TargetSummary summary)
        {
            uint freeManaged = nanoFramework.Runtime.Native.GC.Run(true);
            uint total;
            uint freeNative;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out freeNative, out largest);
            Log.Info("target " + (index + 1).ToString() + "/" + count.ToString() + " " + summary.TargetId + ": " + summary.Facts.ToString() + " facts, " +
                     summary.Verdicts.ToString() + " verdicts, report " + summary.ReportBytes.ToString() + " B; free managed " + freeManaged.ToString() +
                     " B, native " + freeNative.ToString() + " B (largest block " + largest.ToString() + " B)");
            if (summary.Problem != null) Log.Problem(summary.TargetId + ": " + summary.Problem);
            _supervisor.Heartbeat();
            return !_supervisor.StopRequested;
        }
    }
}
