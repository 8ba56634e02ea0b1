// nanogate-assembly: nanoFramework.Runtime.Events
//
// Package:  nanoFramework.Runtime.Events 1.11.39 (NuGet), assembly nanoFramework.Runtime.Events
// Upstream: https://github.com/nanoframework/nanoFramework.Runtime.Events  (nanoFramework.Runtime.Events/BaseEvent.cs)
//
// COMPILE-ONLY declaration for the nanoFramework gate. Never deployed. Only BaseEvent, because GPIO's
// PinValueChangedEventArgs derives from it (NOT from System.EventArgs).

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.11.39.0")]

namespace nanoFramework.Runtime.Events
{
    // mirrors nanoFramework.Runtime.Events 1.11.39: nanoFramework.Runtime.Events/nanoFramework.Runtime.Events/BaseEvent.cs
    // (no member of its own is used by FlaxGuard, so none is declared)
    public class BaseEvent
    {
    }
}
