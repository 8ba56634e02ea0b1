using FlaxGuard.Engine.Appliance;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class BackoffScheduleTests
{
    [TestMethod]
    public void Delays_DoubleFromTheInitialDelay_UpToTheCap()
    {
        var backoff = new BackoffSchedule(5_000, 60_000, jitter: null);
        long[] delays = Enumerable.Range(0, 6).Select(_ => backoff.Failure(0)).ToArray();
        CollectionAssert.AreEqual(new long[] { 5_000, 10_000, 20_000, 40_000, 60_000, 60_000 }, delays);
        Assert.AreEqual(6, backoff.Failures);
    }

    [TestMethod]
    public void IsDue_OnlyAfterTheDelay_AndSuccessResets()
    {
        var backoff = new BackoffSchedule(1_000, 8_000, null);
        Assert.IsTrue(backoff.IsDue(0));
        backoff.Failure(100);
        Assert.IsFalse(backoff.IsDue(1_099));
        Assert.IsTrue(backoff.IsDue(1_100));
        backoff.Failure(1_100);
        Assert.AreEqual(3_100, backoff.NotBeforeMs);
        backoff.Success();
        Assert.AreEqual(0, backoff.Failures);
        Assert.IsTrue(backoff.IsDue(0));
        Assert.AreEqual(1_000, backoff.Failure(0), "after a success the next failure starts over");
    }

    [TestMethod]
    public void Jitter_TakesOffAtMostAQuarter_AndVaries()
    {
        var delays = new HashSet<long>();
        for (int i = 0; i < 200; i++)
        {
            var backoff = new BackoffSchedule(1_000, 1_000_000, SecureRandomSource.Instance);
            for (int n = 0; n < 4; n++) backoff.Failure(0);
            long delay = backoff.NotBeforeMs;
            Assert.IsTrue(delay > 6_000 && delay <= 8_000, "delay " + delay + " outside (6000, 8000]");
            delays.Add(delay);
        }
        Assert.IsGreaterThan(20, delays.Count, "jitter should spread appliances out");
    }

    [TestMethod]
    public void DelayFor_ManyFailures_DoesNotOverflow()
    {
        Assert.AreEqual(900_000, BackoffSchedule.DelayFor(int.MaxValue, 5_000, 900_000));
        Assert.AreEqual(0, BackoffSchedule.DelayFor(0, 5_000, 900_000));
    }

    [TestMethod]
    public void BadArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BackoffSchedule(0, 10, null));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BackoffSchedule(10, 5, null));
    }
}
