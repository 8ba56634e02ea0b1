using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Jobs;

namespace FlaxGuard.Engine.Tests.Jobs;

[TestClass]
public sealed class JobRequestAuthTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    [TestMethod]
    public void HeaderValue_IsSecondsColonHexHmacOfTheDocumentedText()
    {
        var value = JobRequestAuth.HeaderValue(Key, "dongle-01", Now);
        var mac = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"GET /api/v1/job\ndongle-01\n{Now}"));
        Assert.AreEqual($"{Now}:{Convert.ToHexStringLower(mac)}", value);
        Assert.IsNull(JobRequestAuth.Check(Key, "dongle-01", value, Now + 300, 300));
    }

    [TestMethod]
    public void WrongKey_OtherDevice_OldTime_AndGarbage_AreRefused()
    {
        var value = JobRequestAuth.HeaderValue(Key, "dongle-01", Now);
        var other = (byte[])Key.Clone();
        other[0] ^= 1;
        StringAssert.Contains(JobRequestAuth.Check(other, "dongle-01", value, Now, 300), "signature");
        StringAssert.Contains(JobRequestAuth.Check(Key, "dongle-02", value, Now, 300), "signature");
        StringAssert.Contains(JobRequestAuth.Check(Key, "dongle-01", value, Now + 301, 300), "window");
        foreach (var bad in new[] { "", ":", "12", "abc:" + new string('0', 64), $"{Now}:" + new string('g', 64), $"{Now}:" + new string('0', 63), null })
            StringAssert.Contains(JobRequestAuth.Check(Key, "dongle-01", bad!, Now, 300), "not <unixSeconds>");
    }

    [TestMethod]
    public void HashDbRequests_SignTheirOwnPath_AndAreRefusedOnTheJobPath()
    {
        var value = JobRequestAuth.HeaderValue(JobRequestAuth.HashDbPath, Key, "dongle-01", Now);
        var mac = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"GET /api/v1/hashdb\ndongle-01\n{Now}"));

        Assert.AreEqual($"{Now}:{Convert.ToHexStringLower(mac)}", value);
        Assert.IsNull(JobRequestAuth.Check(JobRequestAuth.HashDbPath, Key, "dongle-01", value, Now, 300));
        StringAssert.Contains(JobRequestAuth.Check(Key, "dongle-01", value, Now, 300), "signature");
        StringAssert.Contains(JobRequestAuth.Check(JobRequestAuth.HashDbPath, Key, "dongle-01", JobRequestAuth.HeaderValue(Key, "dongle-01", Now), Now, 300), "signature");
    }
}
