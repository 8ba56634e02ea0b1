// nanogate-assembly: nanoFramework.Networking.Sntp
//
// Package:  nanoFramework.Networking.Sntp 1.6.42 (NuGet), assembly nanoFramework.Networking.Sntp
// Upstream: https://github.com/nanoframework/nanoFramework.Networking.Sntp  (nanoFramework.Networking.Sntp/Sntp.cs)
//
// COMPILE-ONLY declaration for the nanoFramework gate. Never deployed. Sntp is a class of static externs; the ESP32
// firmware also starts SNTP by itself when the network comes up (targetHAL_Network.cpp initialize_sntp).

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.6.42.0")]

namespace nanoFramework.Networking
{
    // mirrors nanoFramework.Networking.Sntp 1.6.42: nanoFramework.Networking.Sntp/nanoFramework.Networking.Sntp/Sntp.cs
    public class Sntp
    {
        public static void Start() { throw new System.NotImplementedException(); }

        public static void Stop() { throw new System.NotImplementedException(); }

        public static void UpdateNow() { throw new System.NotImplementedException(); }

        public static bool IsStarted { get { throw new System.NotImplementedException(); } }

        public static string Server1 { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }

        public static string Server2 { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }
    }
}
