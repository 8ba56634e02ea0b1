using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

[TestClass]
public sealed class FactTextTests
{
    [TestMethod]
    public void Clean_CollapsesControlsAndWhitespace_AndCaps()
    {
        Assert.AreEqual("login: x", FactText.Clean("\r\n login:\u0007\t x \u001b", 100));
        Assert.AreEqual("abc", FactText.Clean("abcdef", 3));
        Assert.AreEqual(string.Empty, FactText.Clean(null!, 10));
    }

    [TestMethod]
    public void KeySegment_KeepsDistinctInputsDistinct()
    {
        var a = FactText.KeySegment("/a b", 100);
        var b = FactText.KeySegment("/a%20b", 100);
        var c = FactText.KeySegment("/a=b", 100);
        Assert.AreEqual("/a%20b", a);
        Assert.AreNotEqual(a, b);
        Assert.AreEqual("/a%3Db", c);
        Assert.AreEqual("/%C3%A9", FactText.KeySegment("/é", 100));
        Assert.AreEqual("%F0%9F%98%80", FactText.KeySegment("\U0001F600", 100));
    }
}
