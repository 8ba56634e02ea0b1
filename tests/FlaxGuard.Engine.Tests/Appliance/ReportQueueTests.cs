using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class ReportQueueTests
{
    private static readonly ReportQueueOptions FourBlocks = new(budgetBytes: 4 * 4096, blockBytes: 4096, maxReports: 10);

    [TestMethod]
    public void Charge_RoundsUpToWholeBlocks()
    {
        Assert.AreEqual(4096, FourBlocks.Charge(1));
        Assert.AreEqual(4096, FourBlocks.Charge(4096));
        Assert.AreEqual(8192, FourBlocks.Charge(4097));
        Assert.AreEqual(4096, FourBlocks.Charge(0), "even an empty file takes a block");
    }

    [TestMethod]
    public void Keys_AreOldestFirst_AndSortByNumberNotByStoreOrder()
    {
        var queue = new ReportQueue(ApplianceTestKit.NewStore("order"), new ReportQueueOptions(1 << 20, 1, 100));
        for (int i = 1; i <= 12; i++) queue.Enqueue([(byte)i]);

        string[] keys = queue.KeysOldestFirst();

        Assert.HasCount(12, keys);
        for (int i = 0; i < keys.Length; i++) CollectionAssert.AreEqual(new[] { (byte)(i + 1) }, queue.Read(keys[i]));
        Assert.AreEqual("rq-0000000000000001", keys[0]);
        Assert.AreEqual("rq-0000000000000012", keys[11]);
    }

    [TestMethod]
    public void Enqueue_OverBudget_DropsTheOldestFirst()
    {
        var store = ApplianceTestKit.NewStore("budget");
        var queue = new ReportQueue(store, FourBlocks);
        queue.Enqueue(ApplianceTestKit.Bytes(5000, 1)); // 2 blocks
        queue.Enqueue(ApplianceTestKit.Bytes(100, 2));  // 1 block
        queue.Enqueue(ApplianceTestKit.Bytes(100, 3));  // 1 block: full (4 blocks)
        Assert.AreEqual(4 * 4096, queue.ChargedBytes);

        EnqueueResult result = queue.Enqueue(ApplianceTestKit.Bytes(10, 4));

        Assert.IsTrue(result.Stored);
        Assert.AreEqual(1, result.DroppedOldest);
        StringAssert.Contains(result.Reason, "1 older unsent report(s) dropped");
        string[] keys = queue.KeysOldestFirst();
        CollectionAssert.AreEqual(new byte[] { 2, 3, 4 }, keys.Select(k => queue.Read(k)![0]).ToArray());
        Assert.AreEqual(3 * 4096, queue.ChargedBytes);
        Assert.HasCount(3, store.Keys(), "the dropped report is deleted from storage");
    }

    [TestMethod]
    public void Enqueue_OverTheCountLimit_DropsTheOldest()
    {
        var queue = new ReportQueue(ApplianceTestKit.NewStore("count"), new ReportQueueOptions(1 << 20, 1, 3));
        for (byte i = 1; i <= 5; i++) queue.Enqueue([i]);

        Assert.AreEqual(3, queue.Count);
        CollectionAssert.AreEqual(new byte[] { 3, 4, 5 }, queue.KeysOldestFirst().Select(k => queue.Read(k)![0]).ToArray());
    }

    [TestMethod]
    public void Enqueue_LargerThanTheWholeBudget_IsRefusedAndDropsNothing()
    {
        var queue = new ReportQueue(ApplianceTestKit.NewStore("huge"), FourBlocks);
        queue.Enqueue([1]);

        EnqueueResult result = queue.Enqueue(ApplianceTestKit.Bytes(4 * 4096 + 1, 9));

        Assert.IsFalse(result.Stored);
        Assert.AreEqual(0, result.DroppedOldest);
        StringAssert.Contains(result.Reason, "larger than the whole queue budget");
        Assert.AreEqual(1, queue.Count);
    }

    [TestMethod]
    public void Queue_SurvivesARestart_AndContinuesTheSequence()
    {
        var store = ApplianceTestKit.NewStore("restart");
        var first = new ReportQueue(store, FourBlocks);
        first.Enqueue([1]);
        first.Enqueue(ApplianceTestKit.Bytes(5000, 2));
        first.Remove(first.KeysOldestFirst()[0]);
        store.Put("report-counter", [0, 0, 0, 0, 0, 0, 0, 7]); // other keys in the same store are not reports
        store.Put("rq-0000000000000009", []);                   // an empty file a power cut can leave behind

        var second = new ReportQueue(store, FourBlocks);

        Assert.AreEqual(1, second.Count);
        Assert.AreEqual(2 * 4096, second.ChargedBytes);
        Assert.IsNull(store.Get("rq-0000000000000009"), "the empty leftover is removed");
        second.Enqueue([3]);
        CollectionAssert.AreEqual(new[] { "rq-0000000000000002", "rq-0000000000000003" }, second.KeysOldestFirst());
    }

    [TestMethod]
    public void Remove_UnknownKey_ReturnsFalse()
    {
        var queue = new ReportQueue(ApplianceTestKit.NewStore("remove"), FourBlocks);
        queue.Enqueue([1]);
        Assert.IsFalse(queue.Remove("rq-0000000000000042"));
        Assert.IsFalse(queue.Remove("report-counter"));
        Assert.IsTrue(queue.Remove("rq-0000000000000001"));
        Assert.AreEqual(0, queue.Count);
        Assert.AreEqual(0, queue.ChargedBytes);
    }

    [TestMethod]
    public void Esp32Budget_FitsTheDriveAndMatchesTheQueueOptions()
    {
        int[] parts =
        [
            StorageBudget.FileSystemReserveBytes, StorageBudget.NetworkConfigBytes, StorageBudget.ProvisioningBytes,
            StorageBudget.CountersBytes, StorageBudget.JobBytes, StorageBudget.ReportQueueBytes, StorageBudget.SpareBytes,
        ];
        Assert.IsTrue(parts.All(p => p >= 0 && p % StorageBudget.BlockBytes == 0), "every share is whole 4 KiB blocks");
        Assert.AreEqual(256 * 1024, parts.Sum(), "the shares must add up to the 256 KiB I: drive");
        var options = ReportQueueOptions.ForEsp32();
        Assert.AreEqual(96 * 1024, options.BudgetBytes);
        Assert.AreEqual(4096, options.BlockBytes);
        Assert.IsLessThanOrEqualTo(options.BudgetBytes / options.BlockBytes, options.MaxReports);
        Assert.IsLessThanOrEqualTo(options.BudgetBytes, options.Charge(StorageBudget.MaxReportBytes));
    }
}
