using System.Diagnostics;

namespace FlaxGuard.Esp32.App
{
    /// <summary>
    /// Debug output (the serial console / Visual Studio output). Callers pass plain words and ids only: never a key,
    /// a password, a provisioning file's content or a job's credentials.
    /// </summary>
    public static class Log
    {
        public static void Info(string message)
        {
            Debug.WriteLine("flaxguard: " + message);
        }

        public static void Problem(string message)
        {
            Debug.WriteLine("flaxguard: PROBLEM: " + message);
        }
    }
}
