using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Platform;

[TestClass]
public sealed class DirectoryKeyValueStoreTests
{
    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "flaxguard-tests", "kv-" + Guid.NewGuid().ToString("n"));

    [TestMethod]
    public void PutGetDeleteKeys()
    {
        var store = new DirectoryKeyValueStore(NewDirectory());
        Assert.IsNull(store.Get("job"));
        store.Put("job", [1, 2, 3]);
        store.Put("report-counter", [9]);
        store.Put("job", [4]);
        CollectionAssert.AreEqual(new byte[] { 4 }, store.Get("job"));
        CollectionAssert.AreEqual(new[] { "job", "report-counter" }, store.Keys());
        Assert.IsTrue(store.Delete("job"));
        Assert.IsFalse(store.Delete("job"));
        Assert.IsNull(store.Get("job"));
    }

    [TestMethod]
    public void ValuesSurviveANewInstance()
    {
        var dir = NewDirectory();
        new DirectoryKeyValueStore(dir).Put("a.b", [7]);
        CollectionAssert.AreEqual(new byte[] { 7 }, new DirectoryKeyValueStore(dir).Get("a.b"));
    }

    [TestMethod]
    public void PathTricksAndBadNames_AreRefused()
    {
        var store = new DirectoryKeyValueStore(NewDirectory());
        foreach (var key in new[] { "../x", "a/b", "", ".hidden", "UPPER", new string('a', 65), "a b" })
            Assert.ThrowsExactly<ArgumentException>(() => store.Put(key, [1]), key);
    }

    [TestMethod]
    public void LeftoverTemporaryFile_IsNotAKey()
    {
        var dir = NewDirectory();
        var store = new DirectoryKeyValueStore(dir);
        store.Put("job", [1]);
        File.WriteAllBytes(Path.Combine(dir, ".job.tmp"), [2]);
        CollectionAssert.AreEqual(new[] { "job" }, store.Keys());
        CollectionAssert.AreEqual(new byte[] { 1 }, store.Get("job"));
    }
}
