namespace FlaxGuard.Host.Tests.Cli;

/// <summary>
/// Host.Tests' call style over the shared <see cref="TestSupport.FlaxguardProcess"/>: here every string is an
/// argument (<c>Run("check", ...)</c>); stdin is passed only with a time limit. The shared class reads a leading
/// string as stdin, so this facade keeps the Cli tests' calls meaning what they say.
/// </summary>
internal static class FlaxguardProcess
{
    public static TestSupport.FlaxguardProcess.Result Run(params string[] args) => TestSupport.FlaxguardProcess.Run(TimeSpan.FromSeconds(60), args);

    public static TestSupport.FlaxguardProcess.Result Run(TimeSpan limit, params string[] args) => TestSupport.FlaxguardProcess.Run(limit, args);

    public static TestSupport.FlaxguardProcess.Result Run(TimeSpan limit, string? stdin, params string[] args) => TestSupport.FlaxguardProcess.Run(limit, stdin, args);

    public static void AssertNoStackTrace(TestSupport.FlaxguardProcess.Result r) => TestSupport.FlaxguardProcess.AssertNoStackTrace(r);
}
