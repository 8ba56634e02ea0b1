using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Probes.Onvif;

namespace FlaxGuard.Engine.Tests.Onvif;

/// <summary>The WS-Security PasswordDigest against the ONVIF worked example and against .NET's own SHA-1 and Base64.</summary>
[TestClass]
public sealed class OnvifPasswordDigestTests
{
    [TestMethod]
    public void MatchesTheOnvifProgrammersGuideExample()
    {
        // ONVIF Application Programmer's Guide, section 6.1.1.3 (WS-UsernameToken example).
        var nonce = Convert.FromBase64String("LKqI6G/AikKCQrN0zqZFlg==");
        Assert.AreEqual("tuOSpGlFlIXsozq4HFNeeGeFLEI=", OnvifPasswordDigest.Compute(nonce, "2010-09-16T07:50:45Z", "userpassword"));
    }

    [TestMethod]
    public void MatchesDotNetSha1AndBase64ForRandomInputs()
    {
        var random = new Random(4711);
        for (var i = 0; i < 200; i++)
        {
            var nonce = new byte[random.Next(1, 40)];
            random.NextBytes(nonce);
            var created = OnvifTime.FormatCreated(random.NextInt64(0, 4_000_000_000_000));
            var password = new string(Enumerable.Range(0, random.Next(0, 70)).Select(_ => (char)random.Next(0x20, 0x3000)).Where(c => !char.IsSurrogate(c)).ToArray());
            var expected = Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(password)]));
            Assert.AreEqual(expected, OnvifPasswordDigest.Compute(nonce, created, password), $"case {i}");
        }
    }

    [TestMethod]
    public void TheRequestCarriesTheDigestNotThePassword()
    {
        var nonce = Convert.FromBase64String("LKqI6G/AikKCQrN0zqZFlg==");
        var digest = OnvifPasswordDigest.Compute(nonce, "2010-09-16T07:50:45Z", "userpassword");
        var body = Encoding.UTF8.GetString(OnvifRequest.Build("GetUsers", "ad<min", digest, "LKqI6G/AikKCQrN0zqZFlg==", "2010-09-16T07:50:45Z"));
        Assert.DoesNotContain("userpassword", body);
        Assert.Contains(">tuOSpGlFlIXsozq4HFNeeGeFLEI=</wsse:Password>", body);
        Assert.Contains("<wsse:Username>ad&lt;min</wsse:Username>", body);
        // The request is SOAP 1.2 and well-formed for a real XML parser.
        var doc = System.Xml.Linq.XDocument.Parse(body);
        Assert.AreEqual("http://www.w3.org/2003/05/soap-envelope", doc.Root!.Name.NamespaceName);
        Assert.AreEqual("GetUsers", doc.Root.Elements().Last().Elements().Single().Name.LocalName);
    }
}
