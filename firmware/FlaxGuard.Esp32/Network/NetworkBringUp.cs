using System;
using System.Threading;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Esp32.App;
using nanoFramework.Networking;

namespace FlaxGuard.Esp32.Network
{
    /// <summary>
    /// Brings the network up. Wi-Fi: first the configuration the device already stores (Reconnect), then the SSID and
    /// password of the provisioning file (ConnectDhcp with automatic reconnection, which stores them in the device's
    /// own Wi-Fi configuration, so the password can then leave the provisioning file). Ethernet boards
    /// (ESP32_WT32_ETH01, ESP32_OLIMEX, ...) use NetworkHelper with DHCP. Both wait for a valid clock as well.
    /// </summary>
    public static class NetworkBringUp
    {
        public const int ConnectTimeoutMs = 60000;

        /// <summary>True when the network is up; <paramref name="problem"/> says why not (never the password).</summary>
        public static bool Connect(ProvisioningFile provisioning, out bool usedFileCredentials, out string problem)
        {
            usedFileCredentials = false;
            problem = null;
            if (provisioning.Network == "ethernet")
            {
                CancellationTokenSource ethernet = new CancellationTokenSource(ConnectTimeoutMs);
                // NetworkHelper: the token comes BEFORE requiresDateTime.
                if (NetworkHelper.SetupAndConnectNetwork(ethernet.Token, true)) return true;
                problem = "Ethernet did not come up: " + NetworkHelper.Status.ToString();
                return false;
            }

            CancellationTokenSource stored = new CancellationTokenSource(ConnectTimeoutMs);
            if (WifiNetworkHelper.Reconnect(true, 0, stored.Token)) return true;
            Log.Info("wifi: stored configuration did not connect (" + WifiNetworkHelper.Status.ToString() + ")");

            if (provisioning.WifiSsid == null || provisioning.WifiPassword == null)
            {
                problem = "Wi-Fi did not connect with the stored configuration and the provisioning file has no Wi-Fi password";
                return false;
            }
            CancellationTokenSource fresh = new CancellationTokenSource(ConnectTimeoutMs);
            if (WifiNetworkHelper.ConnectDhcp(provisioning.WifiSsid, provisioning.WifiPassword, System.Device.Wifi.WifiReconnectionKind.Automatic, true, 0, fresh.Token))
            {
                usedFileCredentials = true;
                return true;
            }
            problem = "Wi-Fi network '" + provisioning.WifiSsid + "' did not connect: " + WifiNetworkHelper.Status.ToString();
            return false;
        }
    }
}
