using System.Text;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Probes;

[TestClass]
public sealed class BannerTextTests
{
    [TestMethod]
    public void TelnetNegotiation_IsSkipped()
    {
        byte[] data = [0xFF, 0xFB, 0x01, 0xFF, 0xFD, 0x18, 0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0, .. Encoding.ASCII.GetBytes("\r\nlogin: ")];
        Assert.AreEqual("login:", BannerText.FromBytes(data, data.Length));
    }

    [TestMethod]
    public void SshBanner_IsOneCleanLine()
    {
        var data = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        Assert.IsTrue(BannerText.HasCompleteLine(data, data.Length));
        Assert.AreEqual("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", BannerText.FromBytes(data, data.Length));
    }

    [TestMethod]
    public void BinaryGarbage_BecomesBoundedPrintableText()
    {
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            var text = BannerText.FromBytes(data, data.Length);
            Assert.IsTrue(text.Length <= BannerText.MaxLength);
            Assert.IsTrue(text.All(c => c >= 0x20 && c < 0x7F), text);
        }
    }
}
