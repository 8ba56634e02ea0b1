using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

[TestClass]
public sealed class BoundedCaptureTests
{
    [TestMethod]
    public void KeepsEverythingUpToTheLimitInChunksOfAnySize()
    {
        var random = new Random(5);
        for (int round = 0; round < 200; round++)
        {
            int limit = random.Next(1, 5000);
            int total = random.Next(0, 6000);
            byte[] body = new byte[total];
            random.NextBytes(body);
            var capture = new BoundedCapture(random.Next(1, 300), limit);
            for (int at = 0; at < total;)
            {
                int n = Math.Min(random.Next(1, 700), total - at);
                capture.Write(body, at, n);
                at += n;
            }
            int kept = Math.Min(total, limit);
            Assert.AreEqual(kept, capture.Length);
            Assert.AreEqual(total > limit, capture.Overflowed);
            CollectionAssert.AreEqual(body.Take(kept).ToArray(), capture.Buffer.Take(kept).ToArray());
            Assert.IsTrue(capture.Buffer.Length <= limit, "the buffer never grows beyond the limit");
        }
    }

    [TestMethod]
    public void RestartForgetsTheRefusedBody()
    {
        var capture = new BoundedCapture(4, 8);
        capture.Write(new byte[20], 0, 20);
        Assert.IsTrue(capture.Overflowed);
        capture.Restart();
        capture.Write([1, 2, 3], 0, 3);
        Assert.IsFalse(capture.Overflowed);
        Assert.AreEqual(3, capture.Length);
        Assert.AreEqual(3, capture.Buffer[2]);
    }
}
