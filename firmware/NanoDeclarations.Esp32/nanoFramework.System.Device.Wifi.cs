// nanogate-assembly: System.Device.Wifi
// nanogate-references: System.Net, System.Threading
//
// Package:  nanoFramework.System.Device.Wifi 1.5.149 (NuGet), assembly System.Device.Wifi
// Upstream: https://github.com/nanoframework/System.Device.Wifi  (System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, WifiReconnectionKind.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. Keep the upstream parameter names: the adapter
// index is "wifiAdapterId" in ConnectDhcp/Reconnect but "WifiAdapter" in ConnectFixAddress/ScanAndConnectDhcp, and
// requiresDateTime comes BEFORE the token (NetworkHelper of System.Net has it the other way round).

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.5.149.0")]

namespace nanoFramework.Networking
{
    // mirrors nanoFramework.System.Device.Wifi 1.5.149: System.Device.Wifi/System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
    public static class WifiNetworkHelper
    {
        public static System.Threading.ManualResetEvent NetworkReady { get { throw new System.NotImplementedException(); } }

        public static NetworkHelperStatus Status { get { throw new System.NotImplementedException(); } }

        public static System.Exception HelperException { get { throw new System.NotImplementedException(); } }

        public static void SetupNetworkHelper(bool requiresDateTime = false) { throw new System.NotImplementedException(); }

        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) { throw new System.NotImplementedException(); }

        public static bool ScanAndConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int WifiAdapter = 0, System.Threading.CancellationToken token = default) { throw new System.NotImplementedException(); }

        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) { throw new System.NotImplementedException(); }

        public static void Disconnect() { throw new System.NotImplementedException(); }

        public static void Reset() { throw new System.NotImplementedException(); }
    }
}

namespace System.Device.Wifi
{
    // mirrors nanoFramework.System.Device.Wifi 1.5.149: System.Device.Wifi/System.Device.Wifi/WifiReconnectionKind.cs
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}
