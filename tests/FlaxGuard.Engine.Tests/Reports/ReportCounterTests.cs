using FlaxGuard.Platform;
using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Engine.Tests.Reports;

[TestClass]
public sealed class ReportCounterTests
{
    public TestContext TestContext { get; set; } = null!;

    private DirectoryKeyValueStore NewStore() =>
        new(Path.Combine(Path.GetTempPath(), "flaxguard-tests", TestContext.TestName + "-" + Guid.NewGuid().ToString("n")));

    [TestMethod]
    public void Next_Rises_AndSurvivesANewInstance()
    {
        var store = NewStore();
        var counter = new ReportCounter(store);
        Assert.AreEqual(0, counter.Current);
        Assert.AreEqual(1, counter.Next());
        Assert.AreEqual(2, counter.Next());
        Assert.AreEqual(3, new ReportCounter(store).Next(), "a restart continues, never repeats");
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0, 0, 0, 0, 3 }, store.Get(ReportCounter.StoreKey));
    }

    [TestMethod]
    public void DamagedCounter_IsReported_NotReset()
    {
        var store = NewStore();
        store.Put(ReportCounter.StoreKey, [1, 2, 3]);
        Assert.ThrowsExactly<InvalidOperationException>(() => new ReportCounter(store).Next());
    }
}
