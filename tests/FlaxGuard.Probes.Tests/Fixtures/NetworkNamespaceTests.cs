using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Probes.Tests.Fixtures;

[TestClass]
public sealed class NetworkNamespaceTests
{
    [TestMethod]
    public void DeviceInsideTheNamespace_IsReachableOverTheVethPair_AndGoneAfterDispose()
    {
        string name;
        using (var ns = NetworkNamespace.Create("selftest"))
        {
            name = ns.Name;
            // A real listener inside the namespace: busybox nc from busybox-static.
            var busybox = DebianTool.Require("busybox", "busybox-static");
            using var server = RealProcess.Start(busybox, ["nc", "-l", "-p", "7777", "-e", "echo", "hello-from-namespace"], ns.Name);
            server.WaitForTcp(ns.DeviceAddress, 7777);
        }
        var (_, list, _) = DebianTool.Run("ip", ["netns", "list"]);
        Assert.DoesNotContain(name, list, "namespace was not deleted");
    }
}
