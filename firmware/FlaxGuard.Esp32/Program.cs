using System;
using System.Threading;
using FlaxGuard.Esp32.App;
using nanoFramework.Runtime.Native;

namespace FlaxGuard.Esp32
{
    /// <summary>Entry point of the FlaxGuard dongle (nanoFramework runs Main of the application assembly).</summary>
    public class Program
    {
        public static void Main()
        {
            try
            {
                new ApplianceLoop().Run();
            }
            catch (Exception e)
            {
                // The loop catches what it can recover from; anything here is unrecoverable: start over.
                Log.Problem("fatal " + e.GetType().Name + "; rebooting in 5 s");
                Thread.Sleep(5000);
                Power.RebootDevice();
            }
        }
    }
}
