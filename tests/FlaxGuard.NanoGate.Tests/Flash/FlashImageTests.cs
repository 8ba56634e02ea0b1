namespace FlaxGuard.NanoGate.Tests.Flash;

/// <summary>
/// flash.sh steps 2 and 3: the firmware's .pe files built by the gate with the .NET SDK, the packages' real .pe
/// files from --packages-dir or a 'dotnet restore' of exactly packages.config, the image assembled from real .pe
/// files (metadata-processor output and the real mscorlib.pe), and its size against the deploy partition of
/// nanoFramework's partition table, refused when it does not fit, all before the board is touched.
/// </summary>
[TestClass]
public sealed class FlashImageTests
{
    private const string Key32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>What the gate writes into --pe-out: MDP-made FlaxGuard.Engine.Demo and FlaxGuard.Esp32 (.dll and .pe),
    /// and a declaration stand-in System.Net.dll with a .pe that must never be deployed.</summary>
    private static string s_gateOutput = "";
    private static string s_fixtures = "";

    private static string EnginePe => Path.Combine(s_gateOutput, "FlaxGuard.Engine.Demo.pe");
    private static string AppPe => Path.Combine(s_gateOutput, "FlaxGuard.Esp32.pe");

    private string _temp = "";
    private string _bin = "";
    private string _seen = "";
    private string _tmpdir = "";

    [ClassInitialize]
    public static void BuildRealPeFiles(TestContext _)
    {
        s_fixtures = Directory.CreateTempSubdirectory("fg-flash-pe-").FullName;
        string build = Path.Combine(s_fixtures, "build");
        string engine = FlashFixtures.BuildPe(build, "FlaxGuard.Engine.Demo", """
            namespace FlaxGuard.Engine.Demo
            {
                public static class Verdict
                {
                    public static string Describe(int findings) { return findings == 0 ? "ok" : "drift: " + findings.ToString(); }
                }
            }
            """);
        string app = FlashFixtures.BuildPe(build, "FlaxGuard.Esp32", """
            namespace FlaxGuard.Esp32
            {
                public static class Program
                {
                    public static void Main() { System.Diagnostics.Debug.WriteLine(FlaxGuard.Engine.Demo.Verdict.Describe(2)); }
                }
            }
            """, Path.Combine(build, "FlaxGuard.Engine.Demo.dll"));

        s_gateOutput = Directory.CreateDirectory(Path.Combine(s_fixtures, "gate-out")).FullName;
        foreach (string file in new[] { engine, app, Path.ChangeExtension(engine, ".dll"), Path.ChangeExtension(app, ".dll") })
            File.Copy(file, Path.Combine(s_gateOutput, Path.GetFileName(file)));
        File.WriteAllBytes(Path.Combine(s_gateOutput, "System.Net.dll"), [0x4D, 0x5A, 0x90]);
        File.WriteAllBytes(Path.Combine(s_gateOutput, "System.Net.pe"), "STAND-IN, NOT DEPLOYABLE"u8.ToArray());
    }

    [ClassCleanup]
    public static void DeleteRealPeFiles()
    {
        if (Directory.Exists(s_fixtures)) Directory.Delete(s_fixtures, recursive: true);
    }

    [TestInitialize]
    public void CreateTemp()
    {
        _temp = Directory.CreateTempSubdirectory("fg-flash-img-").FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        _seen = Directory.CreateDirectory(Path.Combine(_temp, "seen")).FullName;
        _tmpdir = Directory.CreateDirectory(Path.Combine(_temp, "tmp")).FullName;
    }

    [TestCleanup]
    public void DeleteTemp()
    {
        if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
    }

    [TestMethod]
    public void DryRun_BuildsWithTheGate_MeasuresRealPeFiles_AndListsEveryMissingPackagePe()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        // Only CoreLibrary is at hand (as on this build machine): the other packages' .pe files are missing.
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"), globalLayout: false,
            FlashFixtures.Packages().Where(p => p.Id != "nanoFramework.CoreLibrary").Select(p => p.Id).ToArray());
        string work = Path.Combine(_temp, "work");

        var result = Run(["--dry-run", "--target", "ESP32_PSRAM_REV3", "--port", "/dev/ttyUSB0", "--packages-dir", packages,
            "--provisioning", WriteProvisioning(), "--wifi-ssid", "office", "--work-dir", work]);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual("", result.Error);
        string[] lines = result.OutputLines;
        string gateLine = lines.Single(l => l.StartsWith("+ dotnet run ", StringComparison.Ordinal));
        StringAssert.StartsWith(gateLine, "+ dotnet run --project " + FlashScript.RepositoryRoot + "/firmware/FlaxGuard.NanoGate -c Release -- --target esp32 --require-mdp --pe-out " + _tmpdir + "/flaxguard-dry-run.");
        CollectionAssert.AreEqual(new[] { "run --project " + FlashScript.RepositoryRoot + "/firmware/FlaxGuard.NanoGate -c Release -- --target esp32 --require-mdp --pe-out " + gateLine.Split(' ')[^1] },
            File.ReadAllLines(Path.Combine(_seen, "dotnet-calls")), "--packages-dir: the gate is the only dotnet call, nothing is downloaded");

        foreach (var package in FlashFixtures.Packages().Where(p => p.Id != "nanoFramework.CoreLibrary"))
            CollectionAssert.Contains(lines, "#   " + package.Id + " " + package.Version + ": missing " + package.Assembly + ".pe");
        CollectionAssert.Contains(lines, "#   nanoFramework.CoreLibrary 1.17.11: " + packages + "/nanoFramework.CoreLibrary.1.17.11/lib/mscorlib.pe");
        int missing = FlashFixtures.Packages().Count - 1;
        Assert.IsTrue(lines.Any(l => l.StartsWith("# step 2: " + missing + " package .pe files missing, left out of this dry run's image: ", StringComparison.Ordinal)
            && l.Contains("System.Net.Http.pe", StringComparison.Ordinal) && l.Contains("System.Device.Wifi.pe", StringComparison.Ordinal)), result.Output);

        // The stand-in System.Net.pe of the gate's output is not deployed; the MDP-made ones are, the app last.
        CollectionAssert.Contains(lines, "# step 3: deployment image " + work + "/flaxguard-esp32.bin from mscorlib.pe FlaxGuard.Engine.Demo.pe FlaxGuard.Esp32.pe");
        int expected = FlashScript.ExpectedImage(FlashScript.RealMscorlibPe, EnginePe, AppPe).Length;
        CollectionAssert.Contains(lines, "# step 3: image " + expected + " bytes of 1835008 bytes deployment area (partition table esp32 4MB: deploy partition 0x1C0000 bytes at 0x1E0000, from nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv@a3e8139a1); the " + missing + " missing package .pe files are not counted");
        Assert.IsFalse(Directory.Exists(work), "a dry run must not create the work folder");
        Assert.IsEmpty(Directory.GetFileSystemEntries(_tmpdir), "the dry run's temporary folder was left behind");
    }

    [TestMethod]
    public void FullRun_DeploysAnImageOfRealPeFiles_MscorlibFirst_LibrariesByName_AppLast_EachPaddedToFourBytes()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        WriteRecordingNanoff();
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"));
        string port = FakePort();
        string work = Path.Combine(_temp, "work");

        var result = Run(["--target", "ESP32_PSRAM_REV3", "--port", port, "--packages-dir", packages, "--skip-provisioning", "--work-dir", work]);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        var libraries = FlashFixtures.Packages().Where(p => p.Id != "nanoFramework.CoreLibrary")
            .Select(p => (Name: p.Assembly + ".pe", Path: Path.Combine(packages, p.Id + "." + p.Version, "lib", p.Assembly + ".pe")))
            .Append((Name: "FlaxGuard.Engine.Demo.pe", Path: EnginePe))
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        string[] order = new[] { FlashScript.RealMscorlibPe }.Concat(libraries.Select(l => l.Path)).Append(AppPe).ToArray();
        Assert.IsTrue(order.Any(f => new FileInfo(f).Length % 4 != 0), "no file needs padding: the test would not prove it");
        byte[] expected = FlashScript.ExpectedImage(order);
        byte[] deployed = File.ReadAllBytes(Path.Combine(_seen, "image.bin"));
        Assert.HasCount(expected.Length, deployed, "image length");
        CollectionAssert.AreEqual(expected, deployed);
        CollectionAssert.AreEqual("NFMRK1"u8.ToArray(), deployed[..6]);
        Assert.IsFalse(Contains(deployed, "STAND-IN"u8.ToArray()), "the gate's declaration stand-in System.Net.pe was deployed");

        CollectionAssert.AreEqual(new[]
        {
            "--update --target ESP32_PSRAM_REV3 --serialport " + port,
            "--nanodevice --deploy --image " + work + "/flaxguard-esp32.bin --serialport " + port,
        }, File.ReadAllLines(Path.Combine(_seen, "calls")));
        Assert.HasCount(1, File.ReadAllLines(Path.Combine(_seen, "dotnet-calls")), "--packages-dir: no download");
        CollectionAssert.Contains(result.OutputLines, "# step 3: image " + expected.Length + " bytes of 1835008 bytes deployment area (partition table esp32 4MB: deploy partition 0x1C0000 bytes at 0x1E0000, from nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv@a3e8139a1)");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "nuget restore layout: Id.Version/lib")]
    [DataRow(true, DisplayName = "NuGet global packages layout: id/version/lib")]
    public void PackagesDir_SuppliesEveryPackagePe_InEitherNuGetLayout(bool globalLayout)
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"), globalLayout);

        var result = Run(["--dry-run", "--target", "ESP32_C3", "--port", "/dev/ttyACM0", "--packages-dir", packages, "--skip-provisioning"]);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        Assert.IsFalse(result.Output.Contains("missing", StringComparison.Ordinal), result.Output);
        Assert.IsFalse(result.Output.Contains("dotnet restore", StringComparison.Ordinal), result.Output);
        var package = FlashFixtures.Packages().Single(p => p.Id == "nanoFramework.System.Net.Http");
        string folder = globalLayout ? Path.Combine(packages, package.Id.ToLowerInvariant(), package.Version) : Path.Combine(packages, package.Id + "." + package.Version);
        CollectionAssert.Contains(result.OutputLines, "#   nanoFramework.System.Net.Http " + package.Version + ": " + folder + "/lib/System.Net.Http.pe");
        string sizeLine = result.OutputLines.Single(l => l.StartsWith("# step 3: image ", StringComparison.Ordinal));
        StringAssert.EndsWith(sizeLine, "bytes of 2031616 bytes deployment area (partition table esp32c3 4MB: deploy partition 0x1F0000 bytes at 0x1B0000, from nf-interpreter targets/ESP32/_IDF/esp32c3/partitions_nanoclr_4mb.csv@a3e8139a1)");
    }

    [TestMethod]
    public void NoPackagesDir_RealRun_RestoresExactlyThePackagesConfigVersions_IntoTheCache_AndDeploysThem()
    {
        string restoreSource = FlashFixtures.PackagesFolder(Path.Combine(_temp, "nuget-feed"), globalLayout: true);
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput, restoreSource);
        WriteRecordingNanoff();
        string home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        string work = Path.Combine(_temp, "work");

        var result = Run(["--skip-runtime", "--target", "ESP32_REV3", "--port", FakePort(), "--skip-provisioning", "--work-dir", work], home: home);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        string cache = home + "/.cache/flaxguard/nuget-packages";
        string[] calls = File.ReadAllLines(Path.Combine(_seen, "dotnet-calls"));
        Assert.HasCount(2, calls, string.Join("\n", calls));
        Assert.AreEqual("restore " + work + "/restore/FlaxGuard.NanoPackages.csproj --packages " + cache, calls[1]);

        var project = System.Xml.Linq.XDocument.Load(Path.Combine(_seen, "restore.csproj"));
        var downloads = project.Descendants("PackageDownload").Select(e => (string)e.Attribute("Include")! + " " + (string)e.Attribute("Version")!).ToList();
        CollectionAssert.AreEquivalent(FlashFixtures.Packages().Select(p => p.Id + " [" + p.Version + "]").ToList(), downloads,
            "the throw-away project must download exactly the packages.config packages at their exact versions");
        Assert.IsEmpty(project.Descendants("PackageReference"), "PackageReference would pull dependencies into the image's sources");

        byte[] deployed = File.ReadAllBytes(Path.Combine(_seen, "image.bin"));
        var wifi = FlashFixtures.Packages().Single(p => p.Id == "nanoFramework.System.Device.Wifi");
        Assert.IsTrue(Contains(deployed, File.ReadAllBytes(Path.Combine(cache, wifi.Id.ToLowerInvariant(), wifi.Version, "lib", "System.Device.Wifi.pe"))),
            "the restored System.Device.Wifi.pe is not in the image");
    }

    [TestMethod]
    public void DryRun_WithoutPackages_PrintsTheRestoreItWouldRun_AndDownloadsNothing()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        string home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;

        var result = Run(["--dry-run", "--skip-runtime", "--target", "ESP32_REV0", "--port", "/dev/ttyUSB0", "--skip-provisioning"], home: home);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        string cache = home + "/.cache/flaxguard/nuget-packages";
        Assert.IsTrue(result.OutputLines.Any(l => l.StartsWith("+ dotnet restore " + _tmpdir + "/flaxguard-dry-run.", StringComparison.Ordinal)
            && l.EndsWith("/restore/FlaxGuard.NanoPackages.csproj --packages " + cache, StringComparison.Ordinal)), result.Output);
        string wouldDownload = result.OutputLines.Single(l => l.StartsWith("# dry run: not run; it would download from NuGet into " + cache + ":", StringComparison.Ordinal));
        foreach (var package in FlashFixtures.Packages().Where(p => p.Id != "nanoFramework.CoreLibrary"))
            StringAssert.Contains(wouldDownload, " " + package.Id + " " + package.Version);
        Assert.HasCount(1, File.ReadAllLines(Path.Combine(_seen, "dotnet-calls")), "a dry run ran 'dotnet restore'");
        Assert.IsFalse(Directory.Exists(cache), "a dry run created the download cache");
        // mscorlib.pe still comes from the gate, which ships the real one of the same CoreLibrary version.
        Assert.IsTrue(File.Exists(Path.Combine(FlashScript.RepositoryRoot, "firmware/FlaxGuard.NanoGate/bin/Release/net10.0/nano/mscorlib.pe")),
            "build the tests in Release: the gate's nano/mscorlib.pe is missing");
        CollectionAssert.Contains(result.OutputLines, "#   nanoFramework.CoreLibrary 1.17.11: " + FlashScript.RepositoryRoot + "/firmware/FlaxGuard.NanoGate/bin/Release/net10.0/nano/mscorlib.pe");
    }

    [TestMethod]
    public void RealRun_WithAMissingPackagePe_RefusesBeforeTouchingTheBoard()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        WriteRecordingNanoff();
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"), false, "nanoFramework.System.Net", "nanoFramework.System.Device.Wifi");

        var result = Run(["--target", "ESP32_PSRAM_REV3", "--port", FakePort(), "--packages-dir", packages, "--skip-provisioning", "--work-dir", Path.Combine(_temp, "work")]);

        AssertOneLineFailure(result, "2 package .pe files are missing from " + packages + ": ");
        StringAssert.Contains(result.ErrorLines[0], "System.Net.pe (nanoFramework.System.Net 1.11.60)");
        StringAssert.Contains(result.ErrorLines[0], "System.Device.Wifi.pe (nanoFramework.System.Device.Wifi 1.5.149)");
        StringAssert.Contains(result.ErrorLines[0], "nothing is deployed");
        Assert.IsFalse(File.Exists(Path.Combine(_seen, "calls")), "nanoff was run although the image is incomplete");
    }

    [TestMethod]
    public void ImageLargerThanTheDeploymentArea_IsRefusedBeforeTouchingTheBoard_AndAnExactFitIsNot()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        WriteRecordingNanoff();
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"));
        byte[] probe = MeasureImage(packages);
        string port = FakePort();

        var tooBig = Run(["--target", "ESP32_PSRAM_REV3", "--port", port, "--packages-dir", packages, "--skip-provisioning",
            "--deploy-size", (probe.Length - 4).ToString(), "--work-dir", Path.Combine(_temp, "w1")]);

        AssertOneLineFailure(tooBig, "the image (" + probe.Length + " bytes) does not fit the deployment area (" + (probe.Length - 4) + " bytes, given with --deploy-size");
        CollectionAssert.Contains(tooBig.OutputLines, "# step 3: image " + probe.Length + " bytes of " + (probe.Length - 4) + " bytes deployment area (given with --deploy-size, not read from a partition table)");
        Assert.IsFalse(File.Exists(Path.Combine(_seen, "calls")), "nanoff was run for an image that does not fit");

        var exact = Run(["--target", "ESP32_PSRAM_REV3", "--port", port, "--packages-dir", packages, "--skip-provisioning",
            "--deploy-size", "0x" + probe.Length.ToString("X"), "--work-dir", Path.Combine(_temp, "w2")]);
        Assert.AreEqual(0, exact.ExitCode, exact.Output + exact.Error);
        CollectionAssert.AreEqual(probe, File.ReadAllBytes(Path.Combine(_seen, "image.bin")));
    }

    [TestMethod]
    public void DryRun_ImageLargerThanTheDeploymentArea_FailsToo()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput);
        var result = Run(["--dry-run", "--target", "ESP32_REV0", "--port", "/dev/ttyUSB0", "--skip-provisioning",
            "--packages-dir", FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages")), "--deploy-size", "1000"]);
        AssertOneLineFailure(result, "does not fit the deployment area (1000 bytes");
        Assert.IsEmpty(Directory.GetFileSystemEntries(_tmpdir), "the dry run's temporary folder was left behind");
    }

    [TestMethod]
    [DataRow("ESP32_PSRAM_REV3", "4MB", "esp32", "0x1C0000", "0x1E0000")]
    [DataRow("ESP32_WT32_ETH01", "8MB", "esp32", "0x2B0000", "0x1E0000")]
    [DataRow("M5Core2", "16MB", "esp32", "0x2B0000", "0x1E0000")]
    [DataRow("ESP32_S3_OCTAL", "4MB", "esp32s3", "0x1F0000", "0x1B0000")]
    [DataRow("ESP32_S3_QUAD", "16MB", "esp32s3", "0x2E0000", "0x1B0000")]
    [DataRow("AtomS3", "8MB", "esp32s3", "0x2E0000", "0x1B0000")]
    [DataRow("ESP32_S2", "4MB", "esp32s2", "0x1F0000", "0x1B0000")]
    [DataRow("ESP32_C3", "16MB", "esp32c3", "0x1F0000", "0x1B0000")]
    [DataRow("ESP32_C6_THREAD", "4MB", "esp32c6", "0x170000", "0x250000")]
    [DataRow("ESP32_C61", "8MB", "esp32c61", "0x240000", "0x250000")]
    [DataRow("ESP32_H2_THREAD", "4MB", "esp32h2", "0x1E0000", "0x1C0000")]
    [DataRow("ESP32_P4", "4MB", "esp32p4", "0x1F0000", "0x1B0000")]
    public void AssembleOnly_WithATarget_NamesThePartitionTableItMeasuredAgainst(string target, string flashSize, string chip, string size, string offset)
    {
        string peDir = Directory.CreateDirectory(Path.Combine(_temp, "pe")).FullName;
        File.Copy(FlashScript.RealMscorlibPe, Path.Combine(peDir, "mscorlib.pe"));
        File.Copy(AppPe, Path.Combine(peDir, "FlaxGuard.Esp32.pe"));
        string image = Path.Combine(_temp, "image.bin");

        var result = Run(["--assemble-only", "--pe-dir", peDir, "--out", image, "--target", target, "--flash-size", flashSize]);

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        int bytes = FlashScript.ExpectedImage(Path.Combine(peDir, "mscorlib.pe"), AppPe).Length;
        CollectionAssert.AreEqual(new[]
        {
            "flash.sh: assembled " + bytes + " bytes from 2 .pe files into " + image,
            "# step 3: image " + bytes + " bytes of " + Convert.ToInt32(size, 16) + " bytes deployment area (partition table " + chip + " " + flashSize
                + ": deploy partition " + size + " bytes at " + offset + ", from nf-interpreter targets/ESP32/_IDF/" + chip + "/partitions_nanoclr_"
                + flashSize.ToLowerInvariant() + ".csv@a3e8139a1)",
        }, result.OutputLines);
    }

    [TestMethod]
    public void AssembleOnly_OverTheDeploySize_FailsAndLeavesNoImage()
    {
        string peDir = Directory.CreateDirectory(Path.Combine(_temp, "pe")).FullName;
        File.Copy(FlashScript.RealMscorlibPe, Path.Combine(peDir, "mscorlib.pe"));
        File.Copy(AppPe, Path.Combine(peDir, "FlaxGuard.Esp32.pe"));
        string image = Path.Combine(_temp, "image.bin");

        var result = Run(["--assemble-only", "--pe-dir", peDir, "--out", image, "--deploy-size", "4096"]);

        AssertOneLineFailure(result, "does not fit the deployment area (4096 bytes");
        Assert.IsFalse(File.Exists(image), "an image that does not fit was left for someone to deploy");
    }

    [TestMethod]
    public void UnknownTarget_WithoutDeploySize_SaysHowToGoOn()
    {
        var result = Run(["--dry-run", "--target", "MY_CUSTOM_BOARD", "--port", "/dev/ttyUSB0", "--skip-provisioning", "--pe-dir", _temp]);
        AssertOneLineFailure(result, "does not know which chip target MY_CUSTOM_BOARD is built for");
        StringAssert.Contains(result.ErrorLines[0], "--deploy-size BYTES");
    }

    [TestMethod]
    public void FlashSizeWithoutAPartitionTable_SaysSo()
    {
        var result = Run(["--dry-run", "--target", "ESP32_H2_THREAD", "--flash-size", "16MB", "--port", "/dev/ttyUSB0", "--skip-provisioning", "--pe-dir", _temp]);
        AssertOneLineFailure(result, "nanoFramework has no 16MB partition table for esp32h2 (target ESP32_H2_THREAD)");
    }

    [TestMethod]
    [DataRow("--flash-size", "32MB", "--flash-size must be 4MB, 8MB or 16MB")]
    [DataRow("--deploy-size", "lots", "--deploy-size must be a number of bytes")]
    [DataRow("--deploy-size", "0", "--deploy-size must be more than 0")]
    public void BadSizeOptions_AreBadUsage(string option, string value, string message)
    {
        var result = Run(["--dry-run", "--target", "ESP32_REV0", option, value, "--port", "/dev/ttyUSB0", "--skip-provisioning"]);
        Assert.AreEqual(2, result.ExitCode, result.Error);
        Assert.HasCount(1, result.ErrorLines, result.Error);
        StringAssert.Contains(result.ErrorLines[0], message);
    }

    [TestMethod]
    public void SkipRuntime_WithoutTargetOrDeploySize_AsksForOne()
    {
        var result = Run(["--dry-run", "--skip-runtime", "--port", "/dev/ttyUSB0", "--skip-provisioning", "--pe-dir", _temp]);
        Assert.AreEqual(2, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, "--target NAME is needed to size the image against its partition table");
    }

    [TestMethod]
    public void GateFailure_EndsWithOneClearLine_AndTouchesNothing()
    {
        FlashFixtures.WriteFakeDotnet(_bin, _seen, s_gateOutput, gateExit: 1);
        WriteRecordingNanoff();

        var result = Run(["--target", "ESP32_REV3", "--port", FakePort(), "--skip-provisioning", "--packages-dir", _temp, "--work-dir", Path.Combine(_temp, "work")]);

        AssertOneLineFailure(result, "building the firmware's .pe files failed (the gate's messages are above)");
        StringAssert.Contains(result.Output, "NANOGATE: generic type: Box<T>");
        Assert.IsFalse(File.Exists(Path.Combine(_seen, "calls")), "nanoff was run after a failed build");
    }

    [TestMethod]
    public void NoDotnet_NoPeDir_SaysToInstallTheSdk()
    {
        // PATH: every system tool except dotnet.
        foreach (string dir in new[] { "/usr/bin", "/bin" })
        {
            foreach (string tool in Directory.GetFiles(dir))
            {
                string name = Path.GetFileName(tool), link = Path.Combine(_bin, name);
                if (name != "dotnet" && !File.Exists(link)) File.CreateSymbolicLink(link, tool);
            }
        }
        var result = FlashScript.Run(["--dry-run", "--target", "ESP32_REV0", "--port", "/dev/ttyUSB0", "--skip-provisioning"], path: _bin);
        AssertOneLineFailure(result, "no .NET SDK (dotnet) here to build the firmware's .pe files");
        StringAssert.Contains(result.ErrorLines[0], "--pe-dir DIR");
    }

    [TestMethod]
    public void Help_TeachesTheBuildThePackagesAndTheSizeCheck()
    {
        var result = FlashScript.Run(["--help"]);
        Assert.AreEqual(0, result.ExitCode);
        foreach (string must in new[]
        {
            "dotnet run --project firmware/FlaxGuard.NanoGate -c Release -- --target esp32 --require-mdp --pe-out DIR",
            "no Visual Studio, no Mono", "packages.config", "PackageDownload", "--packages-dir DIR", "--flash-size S",
            "--deploy-size BYTES", "partitions_nanoclr_", "deployment area", "nanoff --nanodevice --deploy", "--dry-run",
            "1. nanoff", "2. build", "3. image", "4. runtime", "5. deploy", "6. provision",
        })
        {
            StringAssert.Contains(result.Output, must);
        }
    }

    /// <summary>The image a complete run deploys with these packages, measured with no size limit.</summary>
    private byte[] MeasureImage(string packages)
    {
        var probe = Run(["--skip-runtime", "--target", "ESP32_REV3", "--port", FakePort(), "--packages-dir", packages, "--skip-provisioning",
            "--work-dir", Path.Combine(_temp, "probe")]);
        Assert.AreEqual(0, probe.ExitCode, probe.Output + probe.Error);
        byte[] image = File.ReadAllBytes(Path.Combine(_seen, "image.bin"));
        File.Delete(Path.Combine(_seen, "calls"));
        File.Delete(Path.Combine(_seen, "image.bin"));
        return image;
    }

    private FlashScript.Result Run(string[] args, string? home = null) =>
        FlashScript.Run(args, path: _bin + ":/usr/bin:/bin", environment: new Dictionary<string, string> { ["TMPDIR"] = _tmpdir }, home: home);

    private void WriteRecordingNanoff() => FlashScript.WriteExecutable(_bin, "nanoff", $$"""
        if [ "$1" = "--version" ]; then echo "2.5.162"; exit 0; fi
        echo "$*" >> {{_seen}}/calls
        prev=""
        for a in "$@"; do
          if [ "$prev" = "--image" ]; then cp "$a" {{_seen}}/image.bin; fi
          prev="$a"
        done
        """);

    private string FakePort()
    {
        string port = Path.Combine(_temp, "ttyUSB-test");
        if (!File.Exists(port)) File.WriteAllText(port, "");
        return port;
    }

    private string WriteProvisioning()
    {
        string file = Path.Combine(_temp, "dongle-1.json");
        File.WriteAllText(file, "{\"hostUrl\":\"https://flaxguard.example:8443\",\"applianceId\":\"dongle-1\",\"key\":\"" + Key32 + "\"}");
        return file;
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        needle.Length > 0 && haystack.AsSpan().IndexOf(needle) >= 0;

    private static void AssertOneLineFailure(FlashScript.Result result, string mustContain)
    {
        Assert.AreEqual(1, result.ExitCode, "stdout: " + result.Output + Environment.NewLine + "stderr: " + result.Error);
        Assert.HasCount(1, result.ErrorLines, "expected exactly one error line, got:" + Environment.NewLine + result.Error);
        StringAssert.StartsWith(result.ErrorLines[0], "flash.sh: ");
        StringAssert.Contains(result.ErrorLines[0], mustContain);
    }
}
