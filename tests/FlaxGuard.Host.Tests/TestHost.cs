namespace FlaxGuard.Host.Tests;

[TestClass]
public static class TestHost
{
    /// <summary>
    /// The lab servers run in this process on the thread pool while tests block threads waiting for
    /// probes; on a 2-core machine the pool starts with 2 threads, so give it room up front.
    /// </summary>
    [AssemblyInitialize]
    public static void Initialize(TestContext _) => ThreadPool.SetMinThreads(64, 64);
}
