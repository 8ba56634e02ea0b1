// nanogate-assembly: System.Threading
//
// Package:  nanoFramework.System.Threading 1.1.52 (NuGet), assembly System.Threading
// Upstream: https://github.com/nanoframework/System.Threading  (nanoFramework.System.Threading/CancellationToken.cs, CancellationTokenSource.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate (firmware/FlaxGuard.NanoGate). Never deployed. The 1.x package
// compiles ONLY CancellationToken, CancellationTokenSource, CancellationTokenRegistration and OperationCanceledException:
// the Tasks/ sources of that repository are not in the 1.x nfproj, so there is no Task and no async here.
// Shapes per shared/reference/nanoframework-api.md 1.14, read from the upstream sources.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.1.52.0")]

namespace System.Threading
{
    // mirrors nanoFramework.System.Threading 1.1.52: System.Threading/nanoFramework.System.Threading/CancellationToken.cs
    public struct CancellationToken
    {
        public static CancellationToken None { get { throw new NotImplementedException(); } }

        public bool IsCancellationRequested { get { throw new NotImplementedException(); } }

        public bool CanBeCanceled { get { throw new NotImplementedException(); } }

        public WaitHandle WaitHandle { get { throw new NotImplementedException(); } }

        public void ThrowIfCancellationRequested() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Threading 1.1.52: System.Threading/nanoFramework.System.Threading/CancellationTokenSource.cs
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { throw new NotImplementedException(); }

        public CancellationTokenSource(int millisecondsDelay) { throw new NotImplementedException(); }

        public CancellationTokenSource(TimeSpan delay) { throw new NotImplementedException(); }

        public bool IsCancellationRequested { get { throw new NotImplementedException(); } }

        public CancellationToken Token { get { throw new NotImplementedException(); } }

        public void Cancel() { throw new NotImplementedException(); }

        public void CancelAfter(int millisecondsDelay) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }
    }
}
