using FlaxGuard.Agent;
using FlaxGuard.Platform;

namespace FlaxGuard.Agent.Tests;

[TestClass]
public sealed class TerminalTextTests
{
    [TestMethod]
    public void ControlAndBidiCharacters_BecomeVisibleEscapes_PlainTextIsUnchanged()
    {
        Assert.AreEqual("\\e[2K\\rOK\\nFLAXGUARD OK", TerminalText.Safe("\u001b[2K\rOK\nFLAXGUARD OK"));
        Assert.AreEqual("a\\x7fb\\x9bc\\u202ed\\u2066e\\x00\\t", TerminalText.Safe("a\u007fb\u009bc\u202ed\u2066e\0\t"));
        Assert.AreEqual("OpenWrt 23.05.3 – Küche 路由器 [x]", TerminalText.Safe("OpenWrt 23.05.3 – Küche 路由器 [x]"));
        Assert.AreEqual("", TerminalText.Safe(null));
        Assert.AreEqual("one\\e\ntwo\n", TerminalText.Lines("one\u001b\r\ntwo\n"));
    }

    [TestMethod]
    public void AgentLog_WritesEveryEventAsExactlyOneLine_WithoutRawControlCharacters()
    {
        using var writer = new StringWriter();
        var log = new AgentLog(writer);
        log.Warn("upload refused: \u001b[2K\rOK\nFLAXGUARD OK \u202e");
        var text = writer.ToString();
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.HasCount(1, lines, text);
        Assert.IsFalse(TerminalText.NeedsEscaping(lines[0]), lines[0]);
        StringAssert.EndsWith(lines[0], "warn upload refused: \\e[2K\\rOK\\nFLAXGUARD OK \\u202e");
    }
}
