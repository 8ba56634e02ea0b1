using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Probes;

[TestClass]
public sealed class UrlPathTests
{
    private const string Origin = "http://192.0.2.1:80";

    [TestMethod]
    [DataRow("/", "/js/app.js", "/js/app.js")]
    [DataRow("/admin/login.html", "app.js", "/admin/app.js")]
    [DataRow("/admin/login.html", "../js/./x.js", "/js/x.js")]
    [DataRow("/", "../../../etc/passwd", "/etc/passwd")]
    [DataRow("/", "/a.js#frag", "/a.js")]
    [DataRow("/", "/a.js?v=1", "/a.js?v=1")]
    [DataRow("/", "http://192.0.2.1:80/login", "/login")]
    [DataRow("/", "HTTP://192.0.2.1:80/login", "/login")]
    [DataRow("/", "http://192.0.2.1:80", "/")]
    [DataRow("/", "http://192.0.2.99:80/x.js", null)]
    [DataRow("/", "http://192.0.2.1:8080/x.js", null)]
    [DataRow("/", "https://192.0.2.1:80/x.js", null)]
    [DataRow("/", "//evil.example/x.js", null)]
    [DataRow("/", "javascript:alert(1)", null)]
    [DataRow("/", "data:text/js,1", null)]
    [DataRow("/", "/a b.js", null)]
    [DataRow("/", "/a\\b.js", null)]
    [DataRow("/", "", null)]
    public void Resolve(string basePath, string link, string? expected)
    {
        Assert.AreEqual(expected, UrlPath.Resolve(Origin, basePath, link));
    }
}
