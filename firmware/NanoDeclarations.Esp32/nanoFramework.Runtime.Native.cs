// nanogate-assembly: nanoFramework.Runtime.Native
//
// Package:  nanoFramework.Runtime.Native 1.7.11 (NuGet), assembly nanoFramework.Runtime.Native
// Upstream: https://github.com/nanoframework/nanoFramework.Runtime.Native  (nanoFramework.Runtime.Native/Power.cs, RebootOption.cs, GC.cs, System/Environment.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. GC here is nanoFramework.Runtime.Native.GC
// (Run returns the free bytes), not System.GC; System.Environment (TickCount64) ships in THIS assembly, mscorlib
// 1.17.11 has no Environment type. There is no managed watchdog anywhere: recover with Power.RebootDevice.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.7.11.0")]

namespace nanoFramework.Runtime.Native
{
    // mirrors nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native/nanoFramework.Runtime.Native/RebootOption.cs
    // not [Flags] upstream
    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    // mirrors nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native/nanoFramework.Runtime.Native/Power.cs
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { throw new System.NotImplementedException(); }

        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { throw new System.NotImplementedException(); }
    }

    // mirrors nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native/nanoFramework.Runtime.Native/GC.cs
    public static class GC
    {
        public static uint Run(bool compactHeap) { throw new System.NotImplementedException(); }

        public static void EnableGCMessages(bool enable) { throw new System.NotImplementedException(); }
    }
}

namespace System
{
    // mirrors nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native/nanoFramework.Runtime.Native/System/Environment.cs
    public static partial class Environment
    {
        public static long TickCount64 { get { throw new NotImplementedException(); } }
    }
}
