using System.Net;
using System.Net.Sockets;
using FlaxGuard.EndToEnd.Tests.Fixtures;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary><c>flaxguard serve</c> stops cleanly on SIGTERM (systemd) and SIGINT (Ctrl+C).</summary>
[TestClass]
public sealed class ServeSignalTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Serve_StopsOnSigtermAndSigint()
    {
        using var dir = new TempDir("serve-signal");
        foreach (var (name, stop) in new (string, Func<ChildProcess, bool>)[] { ("SIGTERM", c => c.Terminate(TimeSpan.FromSeconds(20))), ("SIGINT", c => c.Interrupt(TimeSpan.FromSeconds(20))) })
        {
            using var serve = ChildProcess.Start("dashboard at", TimeSpan.FromSeconds(60), "serve", "--listen", $"127.0.0.1:{FreePort.Tcp()}", "--data-dir", dir.Path);
            Assert.IsTrue(stop(serve), $"serve did not stop on {name}: {serve.Output}");
            Assert.AreEqual(0, serve.ExitCode, serve.Output);
            StringAssert.Contains(serve.Output, "flaxguard serve: stopped.");
        }
    }
}
