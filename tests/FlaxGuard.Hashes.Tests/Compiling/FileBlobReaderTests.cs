using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Compiling;

[TestClass]
public sealed class FileBlobReaderTests
{
    [TestMethod]
    public void RangedReads_ReturnTheRequestedBytesAndZeroPastTheEnd()
    {
        using var dir = new TestPaths.TempDir();
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(dir.File("blob.bin"), data);
        using var blob = FileBlobReader.InDirectory(dir.Path);
        var buffer = new byte[16];

        Assert.AreEqual(1000, blob.Length("blob.bin"));
        Assert.AreEqual(10, blob.Read("blob.bin", 500, buffer, 3, 10));
        CollectionAssert.AreEqual(data[500..510], buffer[3..13]);
        Assert.AreEqual(4, blob.Read("blob.bin", 996, buffer, 0, 16));
        Assert.AreEqual(0, blob.Read("blob.bin", 1000, buffer, 0, 16));
        Assert.AreEqual(-1, blob.Length("missing"));
        Assert.AreEqual(0, blob.Read("missing", 0, buffer, 0, 16));
        Assert.ThrowsExactly<ArgumentException>(() => blob.Length("../etc/passwd"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => blob.Read("blob.bin", 0, buffer, 10, 10));
    }

    [TestMethod]
    public void SingleFile_ServesOnlyItsName()
    {
        using var dir = new TestPaths.TempDir();
        File.WriteAllBytes(dir.File("Firmware DB.bin"), [1, 2, 3]);
        using var blob = FileBlobReader.SingleFile(dir.File("Firmware DB.bin"), "hashdb");

        Assert.AreEqual(3, blob.Length("hashdb"));
        Assert.AreEqual(-1, blob.Length("other"));
        Assert.ThrowsExactly<ArgumentException>(() => FileBlobReader.SingleFile(dir.File("x"), "Bad Name"));
    }
}
