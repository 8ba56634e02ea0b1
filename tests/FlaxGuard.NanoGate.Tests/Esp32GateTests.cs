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

    /// <summary>App code is gated as its own ad-hoc assembly against every package the app may use.</summary>
    private static NanoGateOptions Esp32Options(string snippet)
    {
        var options = new NanoGateOptions { Target = NanoGateTarget.Esp32App, RepositoryRoot = Root, AssemblyName = "FlaxGuard.Esp32.Bite" };
        options.Sources.Add(new NanoGateSource("AppBite.cs", snippet));
        return options;
    }

    [TestMethod]
    public void Esp32Target_IsEveryExeAssemblyAndWhatItReferences_AgainstThePackagesItsNfprojNames()
    {
        var options = new NanoGateOptions { Target = NanoGateTarget.Esp32App, RepositoryRoot = Root, RunMetadataProcessor = false };
        NanoGateResult result = NanoGateRunner.Run(options);

        var apps = RealFirmware.Projects().Where(p => p.IsExe).ToList();
        Assert.IsNotEmpty(apps, "no Exe .nfproj under firmware/");
        foreach (var app in apps)
        {
            AssemblyGateResult gated = result.Assembly(app.Name);
            Assert.AreEqual("Exe", gated.Kind);
            CollectionAssert.IsSubsetOf(app.Packages.Where(n => n != "mscorlib").ToArray(), gated.References.ToArray(),
                app.Name + " must be compiled against every package its .nfproj references");
        }
        Assert.AreEqual("mscorlib 1.17.11.0", result.CoreLibrary);
    }

    [TestMethod]
    public void Esp32Nfproj_ReferencesThePackageVersionsOfPackagesConfig()
    {
        string config = File.ReadAllText(Path.Combine(Root, RepositoryLayout.Esp32Directory, "packages.config"));
        string nfproj = File.ReadAllText(Path.Combine(Root, RepositoryLayout.Esp32Directory, "FlaxGuard.Esp32.nfproj"));
        var references = Regex.Matches(nfproj, @"<HintPath>\.\.\\packages\\([A-Za-z.]+?)\.(\d+\.\d+\.\d+)\\").ToList();
        Assert.IsNotEmpty(references);
        foreach (Match reference in references)
        {
            StringAssert.Contains(config, "<package id=\"" + reference.Groups[1].Value + "\" version=\"" + reference.Groups[2].Value + "\"");
        }
    }

    [TestMethod]
    public void EveryDeclarationAssembly_CarriesThePackageVersion()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "firmware"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => f.Contains("/NanoDeclarations", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            Match package = Regex.Match(text, @"^// Package: +\S+ (\d+\.\d+\.\d+)", RegexOptions.Multiline);
            Assert.IsTrue(package.Success, Path.GetFileName(file) + " has no '// Package: <id> <version>' line");
            StringAssert.Contains(text, "[assembly: System.Reflection.AssemblyVersion(\"" + package.Groups[1].Value + ".0\")]",
                Path.GetFileName(file) + " must carry the package's assembly version");
        }
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
        ("new System.Net.Http.ByteArrayContent(new byte[1]).LoadIntoBuffer()", "void", "LoadIntoBuffer returns void in System.Net.Http 1.5.210"),
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
    public void Cli_ByDefault_GatesEveryNfprojAssembly_OneSummaryLineEach()
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

        string text = output.ToString();
        Assert.AreEqual(RealFirmware.All.Value.Passed ? 0 : 1, code, text + error);
        foreach (var project in RealFirmware.Projects())
        {
            StringAssert.Contains(text, "nanogate: " + project.Name + " (" + (project.IsExe ? "Exe" : "Library") + ", ");
        }
        string verdict = text.Split('\n').Last(l => l.StartsWith("nanogate: ", StringComparison.Ordinal));
        StringAssert.Contains(verdict, code == 0 ? "nanogate: passed: " : "nanogate: FAILED: ");
        StringAssert.Contains(verdict, "against mscorlib 1.17.11.0");
    }

    [TestMethod]
    public void Cli_BadTarget_IsBadUsage()
    {
        var error = new StringWriter();
        Assert.AreEqual(2, NanoGateCli.Run(["--target", "esp8266"], new StringWriter(), error));
        StringAssert.Contains(error.ToString(), "--target must be engine, esp32 or all");
    }
}
