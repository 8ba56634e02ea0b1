using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Tests.Http;

/// <summary>
/// The allocation-saving entry points of the HTTP layer against the code they stand in for: a header object added as it
/// is (<see cref="HttpRequest.AddHeader(HttpHeader)"/>) against one made from name and value, and
/// <see cref="RequestTarget.HasTarget"/> against <see cref="RequestTarget.FromUrl"/>.
/// </summary>
[TestClass]
public sealed class ReusedHeaderTests
{
    [TestMethod]
    [DataRow("Accept", "application/json")]
    [DataRow("Authorization", "Basic eDp5")]
    [DataRow("X-Empty", "")]
    public void HeaderObject_IsSentAsTheNameAndValueWouldBe(string name, string value)
    {
        var byText = new HttpRequest("GET", "http://192.0.2.1/");
        var byObject = new HttpRequest("GET", "http://192.0.2.1/");
        var header = new HttpHeader(name, value);
        byText.AddHeader(name, value);
        byObject.AddHeader(header);
        Assert.AreEqual(byText.HeaderCount, byObject.HeaderCount);
        Assert.AreEqual(byText.GetHeader(0).Name, byObject.GetHeader(0).Name);
        Assert.AreEqual(byText.GetHeader(0).Value, byObject.GetHeader(0).Value);
        Assert.AreSame(header, byObject.GetHeader(0), "the object itself is kept, not a copy");
    }

    [TestMethod]
    [DataRow("Bad Name", "v")]
    [DataRow("Bad:Name", "v")]
    [DataRow("Name", "line\r\nbreak")]
    [DataRow("", "v")]
    public void HeaderObject_IsRefusedWhereNameAndValueAre(string name, string value)
    {
        var request = new HttpRequest("GET", "http://192.0.2.1/");
        Assert.ThrowsExactly<ArgumentException>(() => request.AddHeader(name, value));
        Assert.ThrowsExactly<ArgumentException>(() => request.AddHeader(new HttpHeader(name, value)));
        Assert.ThrowsExactly<ArgumentNullException>(() => request.AddHeader((HttpHeader)null!));
        Assert.AreEqual(0, request.HeaderCount);
    }

    [TestMethod]
    public void HeaderObject_CountsTowardsTheSameLimit()
    {
        var request = new HttpRequest("GET", "http://192.0.2.1/");
        var header = new HttpHeader("X-A", "1");
        for (int i = 0; i < HttpRequest.MaxHeaders; i++) request.AddHeader(header);
        Assert.ThrowsExactly<InvalidOperationException>(() => request.AddHeader(header));
        Assert.ThrowsExactly<InvalidOperationException>(() => request.AddHeader("X-B", "2"));
    }

    [TestMethod]
    [DataRow("http://h/a/b?c=d#frag")]
    [DataRow("http://h")]
    [DataRow("https://[::1]:443/ISAPI")]
    [DataRow("h/a/b")]
    [DataRow("")]
    [DataRow(null)]
    [DataRow("://")]
    public void HasTarget_AgreesWithFromUrl(string? url)
    {
        Assert.AreEqual(RequestTarget.FromUrl(url!) is not null, RequestTarget.HasTarget(url!));
    }
}
