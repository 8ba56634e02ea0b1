using System.Text.RegularExpressions;
using FlaxGuard.NanoGate.Cli;
using FlaxGuard.NanoGate.Layout;
using FlaxGuard.NanoGate.Tests.Flash;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>
/// The ESP32 application (firmware/FlaxGuard.Esp32 with the engine compiled in, as its .nfproj builds it) passes the
/// gate against the real CoreLibrary and the declarations of every other package it uses, and the gate bites on app
/// code that nanoFramework 1.x could not build or run.
/// </summary>
[TestClass]
public sealed class Esp32GateTests
{
    private static readonly string Root = FlashScript.RepositoryRoot;

    // One compile of app + engine shared by the tests that look at the real app.
    private static readonly Lazy<NanoGateResult> AppRun = new(() => NanoGateRunner.Run(Esp32Options()));

    private static NanoGateOptions Esp32Options(string? snippet = null)
    {
        var options = new NanoGateOptions { Target = NanoGateTarget.Esp32App, RepositoryRoot = Root };
        if (snippet != null) options.Sources.Add(new NanoGateSource("AppBite.cs", snippet));
        return options;
    }

    [TestMethod]
    public void Esp32App_PassesNanoFrameworkGate()
    {
        NanoGateResult result = AppRun.Value;
        Assert.IsTrue(result.Passed,
            "firmware/FlaxGuard.Esp32 violates the nanoFramework 1.x rules (" + result.Violations.Count + " violation(s)):" + Environment.NewLine + result.Report);
    }

    [TestMethod]
    public void Esp32App_IsCompiledWithTheEngine_AgainstEveryPackageItUses()
    {
        NanoGateResult result = AppRun.Value;

        CollectionAssert.AreEqual(new[] { "firmware/FlaxGuard.Esp32", "firmware/FlaxGuard.Engine" }, result.SourceDirectories.ToArray());
        int appFiles = Directory.GetFiles(Path.Combine(Root, RepositoryLayout.Esp32Directory), "*.cs", SearchOption.AllDirectories)
            .Count(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        Assert.IsGreaterThan(appFiles, result.SourceFileCount, "the engine sources must be compiled in as well");
        Assert.AreEqual("mscorlib 1.17.11.0", result.CoreLibrary);
        CollectionAssert.IsSubsetOf(new[]
        {
            "System.Net", "System.Net.Http", "System.Device.Wifi", "System.Device.Gpio", "nanoFramework.Networking.Sntp",
            "System.IO.FileSystem", "System.IO.Streams", "nanoFramework.Runtime.Native", "nanoFramework.Runtime.Events",
            "nanoFramework.Hardware.Esp32", "System.Threading", "nanoFramework.System.Text", "nanoFramework.System.Collections",
        }, result.DeclarationAssemblies.ToArray());
    }

    [TestMethod]
    public void Esp32Packages_AreTheOnesPinnedInPackagesConfig()
    {
        string config = File.ReadAllText(Path.Combine(Root, RepositoryLayout.Esp32Directory, "packages.config"));
        foreach (string file in Directory.GetFiles(Path.Combine(Root, RepositoryLayout.Esp32DeclarationsDirectory), "*.cs"))
        {
            Match package = Regex.Match(File.ReadAllText(file), @"^// Package: +(\S+) (\d+\.\d+\.\d+)", RegexOptions.Multiline);
            Assert.IsTrue(package.Success, Path.GetFileName(file) + " has no '// Package: <id> <version>' line");
            StringAssert.Contains(config, "<package id=\"" + package.Groups[1].Value + "\" version=\"" + package.Groups[2].Value + "\"",
                Path.GetFileName(file) + " declares a package version that packages.config does not pin");
        }
        StringAssert.Contains(config, "<package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\"");
    }

    [TestMethod]
    public void EveryEsp32DeclarationFile_NamesItsAssemblyPackageVersionAndUpstreamSource()
    {
        string[] files = Directory.GetFiles(Path.Combine(Root, RepositoryLayout.Esp32DeclarationsDirectory), "*.cs", SearchOption.AllDirectories);
        Assert.IsGreaterThanOrEqualTo(10, files.Length);
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            string name = Path.GetFileName(file);
            StringAssert.Matches(text, new Regex(@"^// nanogate-assembly: \S+", RegexOptions.Multiline), name);
            StringAssert.Matches(text, new Regex(@"^// Upstream: +https://github\.com/nanoframework/", RegexOptions.Multiline), name);
            StringAssert.Matches(text, new Regex(@"// mirrors nanoFramework\.\S+ \d+\.\d+\.\d+: \S+\.cs", RegexOptions.Multiline), name);
        }
    }

    [TestMethod]
    public void AppCodeWithAGenericList_IsCaught()
    {
        var result = NanoGateRunner.Run(Esp32Options("""
            namespace FlaxGuard.Esp32.Bite
            {
                public static class Targets
                {
                    public static int Count() { var list = new System.Collections.Generic.List<string>(); list.Add("router"); return list.Count; }
                }
            }
            """));
        Gate.AssertViolation(result, ViolationKind.CompileError, "AppBite.cs:", "Generic");
    }

    [TestMethod]
    public void AppCodeWithAGenericHelper_IsCaught()
    {
        var result = NanoGateRunner.Run(Esp32Options("""
            namespace FlaxGuard.Esp32.Bite
            {
                public static class Pick
                {
                    public static T First<T>(T[] items) { return items[0]; }
                    public static string Host(string[] hosts) { return First(hosts); }
                }
            }
            """));
        Gate.AssertViolation(result, ViolationKind.GenericParameter, "First");
    }

    /// <summary>Each call below exists in .NET but not in nanoFramework 1.x (or not in that shape): one compile, one error each.</summary>
    private static readonly (string Expression, string MustName, string Why)[] MissingMembers =
    [
        ("new System.Net.Http.HttpClient().GetAsync(\"https://host/api/v1/job\")", "GetAsync", "HttpClient has no async methods"),
        ("new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler())", "HttpClientHandler", "HttpClient has only a parameterless constructor"),
        ("new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp).Dispose()", "Dispose", "Socket implements IDisposable explicitly"),
        ("System.Net.IPAddress.TryParse(\"192.0.2.1\", out System.Net.IPAddress a)", "TryParse", "IPAddress has no TryParse"),
        ("nanoFramework.Networking.WifiNetworkHelper.ConnectDhcp(\"ssid\", \"pw\", WifiAdapter: 0)", "WifiAdapter", "ConnectDhcp's adapter parameter is wifiAdapterId"),
        ("new System.Net.Http.HttpRequestMessage().Headers.TryAddWithoutValidation(\"X-A\", \"b\")", "TryAddWithoutValidation", "HttpHeaders has only Add"),
        ("System.IO.Directory.GetFiles(\"I:\\\\\", \"*.json\")", "GetFiles", "Directory.GetFiles has no pattern overload"),
        ("new System.Net.Http.Headers.MediaTypeHeaderValue(\"application/json\")", "MediaTypeHeaderValue", "MediaTypeHeaderValue lives in System.Net.Http.Http.Headers"),
        ("System.Text.Encoding.UTF8.GetString(new byte[1])", "GetString", "GetString takes (byte[], int, int) only"),
    ];

    [TestMethod]
    public void AppCodeCallingMembersNanoFrameworkDoesNotHave_IsCaught_EachOnItsOwnLine()
    {
        var methods = new System.Text.StringBuilder();
        for (int i = 0; i < MissingMembers.Length; i++)
        {
            methods.Append("        public static object Call").Append(i).Append("() { return (object)(").Append(MissingMembers[i].Expression).Append("); }\n");
        }
        var result = NanoGateRunner.Run(Esp32Options(
            "namespace FlaxGuard.Esp32.Bite\n{\n    public static class Calls\n    {\n" + methods + "    }\n}\n"));

        for (int i = 0; i < MissingMembers.Length; i++)
        {
            // Line numbers: the class body starts on line 5, one method per line.
            string line = "AppBite.cs:" + (5 + i) + ":";
            string? hit = result.Violations.FirstOrDefault(v => v.StartsWith(Violation.Line(ViolationKind.CompileError, ""), StringComparison.Ordinal)
                && v.Contains(line, StringComparison.Ordinal) && v.Contains(MissingMembers[i].MustName, StringComparison.Ordinal));
            Assert.IsNotNull(hit, MissingMembers[i].Why + ": expected a compile error on " + line + " naming " + MissingMembers[i].MustName + "; got:" + Environment.NewLine + result.Report);
        }
    }

    [TestMethod]
    public void EngineTarget_CannotReachTheAppOnlyPackages()
    {
        // The engine does I/O only through its platform interfaces: HttpClient, sockets and GPIO are out of its reach.
        var options = new NanoGateOptions { RepositoryRoot = Root, AssemblyName = "NanoGate.Snippet" };
        options.Sources.Add(new NanoGateSource("EngineBite.cs", """
            namespace FlaxGuard.Engine.Bite
            {
                public static class Fetch { public static object Go() { return new System.Net.Http.HttpClient(); } }
            }
            """));

        var result = NanoGateRunner.Run(options);

        Gate.AssertViolation(result, ViolationKind.CompileError, "EngineBite.cs:", "'Net' does not exist in the namespace 'System'");
        CollectionAssert.DoesNotContain(result.DeclarationAssemblies.ToArray(), "System.Net.Http");
    }

    [TestMethod]
    public void Cli_ByDefault_GatesTheEngineAndTheEsp32App()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Root);
        int code;
        try
        {
            code = NanoGateCli.Run([], output, error);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        Assert.AreEqual(0, code, output + error.ToString());
        string[] verdicts = output.ToString().Split('\n').Where(l => l.StartsWith("nanogate: ", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(2, verdicts, output.ToString());
        StringAssert.Contains(verdicts[0], "passed: ");
        StringAssert.Contains(verdicts[0], "from firmware/FlaxGuard.Engine against");
        StringAssert.Contains(verdicts[1], "from firmware/FlaxGuard.Esp32, firmware/FlaxGuard.Engine against");
        StringAssert.Contains(verdicts[1], "System.Net.Http");
    }

    [TestMethod]
    public void Cli_BadTarget_IsBadUsage()
    {
        var error = new StringWriter();
        Assert.AreEqual(2, NanoGateCli.Run(["--target", "esp8266"], new StringWriter(), error));
        StringAssert.Contains(error.ToString(), "--target must be engine, esp32 or all");
    }
}
