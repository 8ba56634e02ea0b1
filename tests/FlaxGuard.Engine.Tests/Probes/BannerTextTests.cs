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
        Assert.IsTrue(BannerText.LooksComplete(data, data.Length));
        Assert.AreEqual("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", BannerText.FromBytes(data, data.Length));
    }

    [TestMethod]
    [DataRow("router login: ", true)]
    [DataRow("Password: ", true)]
    [DataRow("BusyBox v1.19.4 built-in shell (ash)\r\n", false)]
    [DataRow("SSH-2.0-dropbear\r\n", true)]
    [DataRow("SSH-2.0-dropbear", false)]
    [DataRow("Debian GNU/Linux 12\r\nrouter login: ", true)]
    [DataRow("root@cam:~# ", true)]
    [DataRow("220 FTP ready", false)]
    [DataRow("login:", false)]
    [DataRow("\r\n", false)]
    [DataRow("", false)]
    public void LooksComplete_KnowsSshLinesAndPrompts(string text, bool expected)
    {
        var data = Encoding.ASCII.GetBytes(text);
        Assert.AreEqual(expected, BannerText.LooksComplete(data, data.Length), text);
    }

    [TestMethod]
    public void LooksComplete_SeesThroughTelnetNegotiation()
    {
        byte[] data = [0xFF, 0xFB, 0x01, .. Encoding.ASCII.GetBytes("login: ")];
        Assert.IsTrue(BannerText.LooksComplete(data, data.Length));
        byte[] onlyNegotiation = [0xFF, 0xFB, 0x01, 0xFF, 0xFB, 0x03];
        Assert.IsFalse(BannerText.LooksComplete(onlyNegotiation, onlyNegotiation.Length));
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
            Assert.IsLessThanOrEqualTo(BannerText.MaxLength, text.Length);
            Assert.IsTrue(text.All(c => c >= 0x20 && c < 0x7F), text);
        }
    }
}
