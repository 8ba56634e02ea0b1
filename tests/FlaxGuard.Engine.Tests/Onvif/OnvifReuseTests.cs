using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Probes.Onvif;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Tests.Onvif;

/// <summary>
/// The ONVIF pieces that write into reused buffers instead of strings (request bodies, wsu:Created, the
/// PasswordDigest, value paths) against .NET's XML parser, date formatting, SHA-1 and Base64.
/// </summary>
[TestClass]
public sealed class OnvifReuseTests
{
    private static readonly XNamespace Wsse = OnvifRequest.SecextNamespace;
    private static readonly XNamespace Wsu = OnvifRequest.UtilityNamespace;

    [TestMethod]
    public void SignedBody_FromBuffers_IsTheBodyFromStrings_AndParsesWithTheValues()
    {
        var random = new Random(61);
        for (var i = 0; i < 100; i++)
        {
            var user = Crypto.Utf8HashingTests.RandomText(random, random.Next(1, 20)) + "<&>\"'";
            var digest = Convert.ToBase64String(RandomNumberGenerator.GetBytes(20));
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var created = OnvifTime.FormatCreated(random.NextInt64(0, 4_000_000_000_000));
            var action = i % 2 == 0 ? "GetUsers" : "GetNetworkProtocols";
            var fromStrings = OnvifRequest.Build(action, user, digest, nonce, created);
            var fromBuffers = OnvifRequest.Build(action, user, Encoding.ASCII.GetBytes(digest), 28, Pad(nonce), nonce.Length, Pad(created), created.Length);
            CollectionAssert.AreEqual(fromStrings, fromBuffers, $"case {i}");

            var doc = XDocument.Parse(Encoding.UTF8.GetString(fromBuffers));
            var token = doc.Descendants(Wsse + "UsernameToken").Single();
            // .NET decodes the user name as it encodes it: unpaired surrogates become U+FFFD either way.
            Assert.AreEqual(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(user)), token.Element(Wsse + "Username")!.Value);
            Assert.AreEqual(digest, token.Element(Wsse + "Password")!.Value);
            Assert.AreEqual(nonce, token.Element(Wsse + "Nonce")!.Value);
            Assert.AreEqual(created, token.Element(Wsu + "Created")!.Value);
            Assert.AreEqual(action, doc.Root!.Elements().Last().Elements().Single().Name.LocalName);
        }
    }

    [TestMethod]
    public void UnsignedBody_HasNoHeader_AndNamesTheAction()
    {
        var doc = XDocument.Parse(Encoding.UTF8.GetString(OnvifRequest.Build("GetSystemDateAndTime", null, null, null, null)));
        Assert.AreEqual(1, doc.Root!.Elements().Count(), "only the Body");
        Assert.AreEqual(XName.Get("GetSystemDateAndTime", OnvifRequest.DeviceNamespace), doc.Root.Elements().Single().Elements().Single().Name);
    }

    [TestMethod]
    public void ABodyOfTheSameSize_ReusesThePreviousArray()
    {
        var digest = Encoding.ASCII.GetBytes(new string('d', 28));
        var nonce = Encoding.ASCII.GetBytes(new string('n', 24));
        var created = Encoding.ASCII.GetBytes("2026-11-27T03:04:05.067Z");
        var dns = OnvifRequest.Build(null, "GetDNS", "admin", digest, 28, nonce, 24, created, 24);
        var ntp = OnvifRequest.Build(dns, "GetNTP", "admin", digest, 28, nonce, 24, created, 24);
        Assert.AreSame(dns, ntp, "GetDNS and GetNTP bodies have the same length");
        CollectionAssert.AreEqual(OnvifRequest.Build("GetNTP", "admin", new string('d', 28), new string('n', 24), "2026-11-27T03:04:05.067Z"), ntp);
        var users = OnvifRequest.Build(ntp, "GetUsers", "admin", digest, 28, nonce, 24, created, 24);
        Assert.AreNotSame(ntp, users);
        Assert.Contains("<tds:GetUsers/>", Encoding.UTF8.GetString(users));
    }

    [TestMethod]
    public void ContentTypeAndResponseName_AreTheJoinedForms()
    {
        foreach (var action in new[] { "GetSystemDateAndTime", "GetDeviceInformation", "GetUsers", "GetNetworkProtocols", "GetDNS", "GetNTP", "GetScopes" })
        {
            Assert.AreEqual("application/soap+xml; charset=utf-8; action=\"http://www.onvif.org/ver10/device/wsdl/" + action + "\"", OnvifRequest.ContentType(action));
            Assert.AreEqual(action + "Response", OnvifRequest.ResponseName(action));
        }
    }

    [TestMethod]
    public void CreatedIntoBytes_MatchesDotNetsRoundTripFormat()
    {
        var random = new Random(62);
        var buffer = new byte[OnvifTime.MaxCreatedBytes + 3];
        for (var i = 0; i < 500; i++)
        {
            var ms = random.NextInt64(0, 253_402_300_799_999);
            var expected = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var n = OnvifTime.FormatCreatedInto(ms, buffer, 3);
            Assert.AreEqual(expected, Encoding.ASCII.GetString(buffer, 3, n), $"{ms}");
            Assert.AreEqual(expected, OnvifTime.FormatCreated(ms));
        }
        Assert.AreEqual("1970-01-01T00:00:00.000Z", OnvifTime.FormatCreated(-5));
        // Years past 9999 (only from a wildly wrong camera clock) keep all their digits.
        var farBuffer = new byte[OnvifTime.MaxCreatedBytes];
        var far = Encoding.ASCII.GetString(farBuffer, 0, OnvifTime.FormatCreatedInto(long.MaxValue, farBuffer, 0));
        StringAssert.Matches(far, new System.Text.RegularExpressions.Regex(@"^[0-9]{9}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.807Z$"));
        Assert.AreEqual(far, OnvifTime.FormatCreated(long.MaxValue));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OnvifTime.FormatCreatedInto(0, new byte[OnvifTime.MaxCreatedBytes - 1], 0));
    }

    [TestMethod]
    public void DigestIntoBuffers_MatchesDotNetSha1AndBase64_WithOneHashForMany()
    {
        var random = new Random(63);
        var sha = new Sha1();
        var scratch = new byte[16];
        var digest = new byte[20];
        var output = new byte[OnvifPasswordDigest.DigestTextBytes + 2];
        for (var i = 0; i < 200; i++)
        {
            var nonce = RandomNumberGenerator.GetBytes(16);
            var created = Encoding.ASCII.GetBytes(OnvifTime.FormatCreated(random.NextInt64(0, 4_000_000_000_000)));
            var password = Crypto.Utf8HashingTests.RandomText(random, random.Next(0, 40));
            OnvifPasswordDigest.ComputeInto(sha, nonce, nonce.Length, created, created.Length, password, scratch, digest, output, 2);
            var expected = Convert.ToBase64String(SHA1.HashData([.. nonce, .. created, .. Encoding.UTF8.GetBytes(password)]));
            Assert.AreEqual(expected, Encoding.ASCII.GetString(output, 2, OnvifPasswordDigest.DigestTextBytes), $"case {i}");
            Assert.IsTrue(digest.All(b => b == 0) && scratch.All(b => b == 0), "the raw digest and the password's bytes are wiped");
        }
    }

    [TestMethod]
    public void PathIs_AgreesWithThePathText()
    {
        var reply = new OnvifReply(OnvifAnswers.Vocabulary, 16, 512);
        var scanner = new XmlScanner(reply, 16, 512, 64 * 1024);
        reply.Prepare("GetDNSResponse");
        var document = "<e:Envelope xmlns:e=\"x\"><e:Body><GetDNSResponse><DNSInformation><FromDHCP>false</FromDHCP><SearchDomain>a.example</SearchDomain>"
            + string.Concat(Enumerable.Range(0, 40).Select(i => $"<DNSManual><Type>IPv4</Type><IPv4Address>198.51.100.{i}</IPv4Address></DNSManual>"))
            + "</DNSInformation></GetDNSResponse></e:Body></e:Envelope>";
        var bytes = Encoding.UTF8.GetBytes(document);
        scanner.Write(bytes, 0, bytes.Length);
        Assert.IsTrue(scanner.Finish());
        Assert.AreEqual(82, reply.Count, "Type is in the vocabulary (GetDynamicDNS answers carry one), so every DNSManual keeps its Type and address");
        string[] candidates = ["DNSInformation/FromDHCP", "DNSInformation/SearchDomain", "DNSInformation/DNSManual/IPv4Address", "DNSInformation/DNSManual", "DNSInformation/DNSManual/IPv4Address/", "DNSInformation", "", "DNSInformation/DNSManual/IPv4Addres", "DNSInformation/DNSManual/IPv4AddressX", "DNSInformation\\FromDHCP"];
        for (var i = 0; i < reply.Count; i++)
        {
            var path = reply.PathAt(i);
            foreach (var candidate in candidates) Assert.AreEqual(candidate == path, reply.PathIs(i, candidate), $"{path} vs {candidate}");
        }
        Assert.AreEqual(40, reply.CountOf("DNSInformation/DNSManual/IPv4Address"));
        Assert.AreEqual("198.51.100.0", reply.First("DNSInformation/DNSManual/IPv4Address"));
        for (var i = 0; i < reply.Count; i++) Assert.AreEqual(1, reply.GroupAt(i), "every value sits in the one DNSInformation group");
        Assert.AreEqual(1, reply.GroupCount);
    }

    private static byte[] Pad(string ascii) => Encoding.ASCII.GetBytes(ascii + "####");
}
