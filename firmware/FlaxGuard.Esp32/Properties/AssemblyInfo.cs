using System.Reflection;

[assembly: AssemblyTitle("FlaxGuard.Esp32")]
[assembly: AssemblyDescription("FlaxGuard dongle: checks routers, cameras and NAS boxes for the side effects of a compromise")]
[assembly: AssemblyProduct("FlaxGuard")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
