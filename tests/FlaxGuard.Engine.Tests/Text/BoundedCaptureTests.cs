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
            Assert.IsLessThanOrEqualTo(limit, capture.Buffer.Length, "the buffer never grows beyond the limit");
        }
    }

    [TestMethod]
    public void ReusedForManyBodies_KeepsEachAsAStreamWouldReadWhenBufferIsReadAnyTime()
    {
        var random = new Random(23);
        for (int round = 0; round < 100; round++)
        {
            int limit = random.Next(1, 70_000);
            var capture = new BoundedCapture(random.Next(1, 3000), limit);
            for (int body = 0; body < 8; body++)
            {
                capture.Restart();
                var reference = new MemoryStream();
                int total = random.Next(0, body % 3 == 0 ? 80_000 : 5000);
                byte[] bytes = new byte[total];
                random.NextBytes(bytes);
                for (int at = 0; at < total;)
                {
                    int n = Math.Min(random.Next(1, 1461), total - at);
                    capture.Write(bytes, at, n);
                    reference.Write(bytes, at, n);
                    at += n;
                    // Reading the buffer mid-body gathers what came so far; writing then goes on after it.
                    if (random.Next(10) == 0) Assert.AreEqual(capture.Length, Math.Min((int)reference.Length, limit));
                    if (random.Next(20) == 0) CollectionAssert.AreEqual(reference.ToArray().Take(Math.Min((int)reference.Length, limit)).ToArray(), capture.Buffer.Take(capture.Length).ToArray());
                }
                int kept = Math.Min(total, limit);
                Assert.AreEqual(kept, capture.Length);
                Assert.AreEqual(total > limit, capture.Overflowed);
                CollectionAssert.AreEqual(reference.ToArray().Take(kept).ToArray(), capture.Buffer.Take(kept).ToArray());
                Assert.IsLessThanOrEqualTo(limit, capture.Buffer.Length, "the buffer never grows beyond the limit");
            }
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

    [TestMethod]
    public void DeclaredLength_MakesRoomOnce_AndALyingDeviceStillGetsOnlyItsBytesUpToTheLimit()
    {
        var random = new Random(17);
        byte[] body = new byte[5000];
        random.NextBytes(body);

        var exact = new BoundedCapture(256, 8192);
        exact.ExpectLength(body.Length);
        byte[] room = exact.Buffer;
        Assert.HasCount(body.Length, room, "room for exactly the declared body");
        for (int at = 0; at < body.Length; at += 1460) exact.Write(body, at, Math.Min(1460, body.Length - at));
        Assert.AreSame(room, exact.Buffer, "the body went straight in: no pieces, no gathering");
        CollectionAssert.AreEqual(body, exact.Buffer.Take(exact.Length).ToArray());

        foreach (long declared in new long[] { 0, 100, 4999, 5001, 1L << 40 })
        {
            var capture = new BoundedCapture(256, 4000);
            capture.ExpectLength(declared);
            Assert.IsLessThanOrEqualTo(4000, capture.Buffer.Length, $"declared {declared}: the room never exceeds the limit");
            for (int at = 0; at < body.Length; at += 700) capture.Write(body, at, Math.Min(700, body.Length - at));
            Assert.IsTrue(capture.Overflowed, $"declared {declared}");
            Assert.AreEqual(4000, capture.Length);
            CollectionAssert.AreEqual(body.Take(4000).ToArray(), capture.Buffer.Take(4000).ToArray(), $"declared {declared}");
        }

        var late = new BoundedCapture(256, 8192);
        late.Write(body, 0, 10);
        late.ExpectLength(5000);
        late.Write(body, 10, 4990);
        CollectionAssert.AreEqual(body, late.Buffer.Take(late.Length).ToArray(), "a hint after the first byte is ignored");
    }
}
