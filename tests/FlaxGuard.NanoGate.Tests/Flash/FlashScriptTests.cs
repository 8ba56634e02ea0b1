using System.Diagnostics;
using System.Text.Json;

namespace FlaxGuard.NanoGate.Tests.Flash;

/// <summary>
/// flash.sh at the repository root: shellcheck clean, the dry run prints each step and command exactly, the
/// deployment image is byte for byte what the nanoFramework build makes (checked on the real mscorlib.pe), and
/// every missing tool, device, file or bad option ends with one clear line and a non-zero exit.
/// </summary>
[TestClass]
public sealed class FlashScriptTests
{
    private const string Key32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string WifiPassword = "correct-horse-battery-staple";

    private string _temp = "";

    [TestInitialize]
    public void CreateTemp() => _temp = Directory.CreateTempSubdirectory("fg-flash-").FullName;

    [TestCleanup]
    public void DeleteTemp()
    {
        if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
    }

    [TestMethod]
    public void Script_IsShellcheckClean()
    {
        string? shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        Assert.IsNotNull(shellcheck, "shellcheck is not installed (apt-get install shellcheck; tests/run-all.sh installs it)");
        var start = new ProcessStartInfo(shellcheck) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--shell=bash");
        start.ArgumentList.Add(FlashScript.ScriptPath);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(60_000), "shellcheck did not finish");
        Assert.AreEqual(0, process.ExitCode, "shellcheck findings:" + Environment.NewLine + output);
    }

    [TestMethod]
    public void Script_IsStrictBash()
    {
        string[] lines = File.ReadAllLines(FlashScript.ScriptPath);
        Assert.AreEqual("#!/usr/bin/env bash", lines[0]);
        CollectionAssert.Contains(lines, "set -euo pipefail");
    }

    [TestMethod]
    public void DryRun_ClassicNanoff_PrintsEveryStepAndCommandLineByLine()
    {
        string peDir = PeDirectory(("FlaxGuard.Engine.pe", 5), ("FlaxGuard.Esp32.pe", 3));
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"));
        string provisioning = WriteProvisioning();
        string work = Path.Combine(_temp, "work");

        var result = FlashScript.Run(["--dry-run", "--target", "ESP32_PSRAM_REV3", "--port", "/dev/ttyUSB0", "--pe-dir", peDir,
            "--packages-dir", packages, "--provisioning", provisioning, "--wifi-ssid", "office", "--work-dir", work]);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        Assert.AreEqual("", result.Error);
        var packageList = FlashFixtures.Packages();
        string[] libraries = packageList.Where(p => p.Id != "nanoFramework.CoreLibrary").Select(p => p.Assembly + ".pe").Append("FlaxGuard.Engine.pe")
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var paths = packageList.ToDictionary(p => p.Assembly + ".pe", p => Path.Combine(packages, p.Id + "." + p.Version, "lib", p.Assembly + ".pe"));
        paths["FlaxGuard.Engine.pe"] = Path.Combine(peDir, "FlaxGuard.Engine.pe");
        string[] files = libraries.Select(n => paths[n]).Prepend(paths["mscorlib.pe"]).Append(Path.Combine(peDir, "FlaxGuard.Esp32.pe")).ToArray();
        int bytes = FlashScript.ExpectedImage(files).Length;
        string[] expected =
        [
            "# dry run: commands that touch the board or download are printed, not run; the image is built and measured in a temporary folder",
            "# nanoff: nanoff (syntax: classic)",
            "# step 2: prebuilt .pe files from " + peDir,
            "# step 2: nanoFramework packages (firmware/FlaxGuard.Esp32/packages.config):",
            .. packageList.Select(p => "#   " + p.Id + " " + p.Version + ": " + Path.Combine(packages, p.Id + "." + p.Version, "lib", p.Assembly + ".pe")),
            "# step 3: deployment image " + work + "/flaxguard-esp32.bin from mscorlib.pe " + string.Join(" ", libraries) + " FlaxGuard.Esp32.pe",
            "# step 3: image " + bytes + " bytes of 1835008 bytes deployment area (partition table esp32 4MB: deploy partition 0x1C0000 bytes at 0x1E0000, from nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv@a3e8139a1)",
            "# step 4: flash the nanoFramework runtime for ESP32_PSRAM_REV3",
            "+ nanoff --update --target ESP32_PSRAM_REV3 --serialport /dev/ttyUSB0",
            "# step 5: deploy the application; the device reports its own deployment address",
            "+ nanoff --nanodevice --deploy --image " + work + "/flaxguard-esp32.bin --serialport /dev/ttyUSB0",
            "# step 6: write " + work + "/flaxguard.json (hostUrl, applianceId, key, caCertificatePem, wifiSsid, wifiPassword), mode 0600",
            "# step 6: write " + work + "/filedeployment.json: " + work + "/flaxguard.json -> I:\\flaxguard.json",
            "+ nanoff --filedeployment " + work + "/filedeployment.json --serialport /dev/ttyUSB0",
            "# step 6: provisioning files in " + work + " are deleted when this script ends",
            "# done: the dongle restarts, joins the network, sets its clock and fetches its job from the host",
        ];
        CollectionAssert.AreEqual(expected, result.OutputLines, "got:" + Environment.NewLine + result.Output);
        Assert.IsFalse(Directory.Exists(work), "a dry run must not create the work folder");
    }

    [TestMethod]
    public void DryRun_VerbNanoff_UsesNanoff3Verbs()
    {
        string peDir = PeDirectory(("mscorlib.pe", 8), ("FlaxGuard.Esp32.pe", 3));
        string work = Path.Combine(_temp, "work");

        var result = FlashScript.Run(["--dry-run", "--nanoff-syntax", "verbs", "--target", "ESP32_C3", "--port", "/dev/ttyACM0",
            "--pe-dir", peDir, "--packages-dir", FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages")),
            "--provisioning", WriteProvisioning(), "--ethernet", "--work-dir", work]);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        string[] commands = result.OutputLines.Where(l => l.StartsWith('+')).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "+ nanoff flash target ESP32_C3 serialport /dev/ttyACM0",
            "+ nanoff deploy serialport /dev/ttyACM0 image " + work + "/flaxguard-esp32.bin",
            "+ nanoff deploy file " + work + "/filedeployment.json serialport /dev/ttyACM0",
        }, commands, result.Output);
        CollectionAssert.Contains(result.OutputLines,
            "# step 6: write " + work + "/flaxguard.json (hostUrl, applianceId, key, caCertificatePem; Ethernet, no Wi-Fi), mode 0600");
    }

    [TestMethod]
    public void ListTargets_RunsNanoffsOwnListing_WithoutHardCodedNames()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        string log = Path.Combine(_temp, "nanoff.log");
        FlashScript.WriteExecutable(bin, "nanoff", $"""
            if [ "$1" = "--version" ]; then echo "2.5.162+abc"; exit 0; fi
            echo "$*" >> {log}
            echo "ESP32_S3_QUAD 1.12.1.1"
            """);

        var result = FlashScript.Run(["--list-targets"], path: bin + ":/usr/bin:/bin");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        Assert.AreEqual("--listtargets --platform esp32", File.ReadAllText(log).Trim());
        StringAssert.Contains(result.Output, "ESP32_S3_QUAD 1.12.1.1");
    }

    [TestMethod]
    public void ListTargets_WithNanoff3_UsesTheListVerb()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        string log = Path.Combine(_temp, "nanoff.log");
        FlashScript.WriteExecutable(bin, "nanoff", $"""
            if [ "$1" = "--version" ]; then echo "nanoff 3.0.0-preview.1"; exit 0; fi
            echo "$*" >> {log}
            """);

        var result = FlashScript.Run(["--list-targets"], path: bin + ":/usr/bin:/bin");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        Assert.AreEqual("list targets platform esp32", File.ReadAllText(log).Trim());
    }

    [TestMethod]
    public void AssembleOnly_RealMscorlibAndASmallPe_MatchesAnIndependentComputationByteForByte()
    {
        string peDir = Directory.CreateDirectory(Path.Combine(_temp, "pe")).FullName;
        string mscorlib = Path.Combine(peDir, "mscorlib.pe");
        File.Copy(FlashScript.RealMscorlibPe, mscorlib);
        string app = Path.Combine(peDir, "FlaxGuard.Esp32.pe");
        File.WriteAllBytes(app, [0x4E, 0x46, 0x4D, 0x52, 0x4B, 0x31, 0x01]); // 7 bytes: needs one byte of padding
        string image = Path.Combine(_temp, "image.bin");

        var result = FlashScript.Run(["--assemble-only", "--pe-dir", peDir, "--out", image]);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        byte[] expected = FlashScript.ExpectedImage(mscorlib, app);
        byte[] actual = File.ReadAllBytes(image);
        Assert.HasCount(expected.Length, actual, "image length");
        CollectionAssert.AreEqual(expected, actual);
        Assert.AreEqual(0, actual.Length % 4);
        // The real mscorlib.pe starts with the nanoFramework PE marker "NFMRK" and leads the image.
        CollectionAssert.AreEqual("NFMRK"u8.ToArray(), actual[..5]);
        Assert.AreEqual("flash.sh: assembled " + expected.Length + " bytes from 2 .pe files into " + image, result.Output.Trim());
    }

    [TestMethod]
    public void AssembleOnly_OrdersMscorlibFirstLibrariesByNameAndTheAppLast_PaddingEachWithZeros()
    {
        string peDir = PeDirectory(("FlaxGuard.Esp32.pe", 5), ("System.Net.Http.pe", 6), ("mscorlib.pe", 9), ("System.Device.Wifi.pe", 4), ("nanoFramework.Json.pe", 1));
        File.WriteAllText(Path.Combine(peDir, "notes.txt"), "not a pe file, never deployed");
        string image = Path.Combine(_temp, "image.bin");

        var result = FlashScript.Run(["--assemble-only", "--pe-dir", peDir, "--out", image]);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        string[] order = ["mscorlib.pe", "System.Device.Wifi.pe", "System.Net.Http.pe", "nanoFramework.Json.pe", "FlaxGuard.Esp32.pe"];
        byte[] expected = FlashScript.ExpectedImage(order.Select(n => Path.Combine(peDir, n)).ToArray());
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(image));
        Assert.HasCount(12 + 4 + 8 + 4 + 8, expected);
    }

    [TestMethod]
    public void AssembleOnly_WithoutMscorlib_OneClearLine()
    {
        string peDir = PeDirectory(("FlaxGuard.Esp32.pe", 5));
        var result = FlashScript.Run(["--assemble-only", "--pe-dir", peDir, "--out", Path.Combine(_temp, "x.bin")]);
        AssertOneLineFailure(result, 1, "no mscorlib.pe in " + peDir);
    }

    [TestMethod]
    public void AssembleOnly_WithoutTheApplicationPe_OneClearLine()
    {
        string peDir = PeDirectory(("mscorlib.pe", 8));
        var result = FlashScript.Run(["--assemble-only", "--pe-dir", peDir, "--out", Path.Combine(_temp, "x.bin")]);
        AssertOneLineFailure(result, 1, "no FlaxGuard.Esp32.pe in " + peDir);
    }

    [TestMethod]
    public void MissingNanoff_NoDotnet_OneClearLine()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        foreach (string tool in new[] { "dirname", "basename", "grep", "head" }) File.CreateSymbolicLink(Path.Combine(bin, tool), "/usr/bin/" + tool);

        var result = FlashScript.Run(["--list-targets"], path: bin);

        AssertOneLineFailure(result, 1, "nanoff is not installed and neither is the .NET SDK");
    }

    [TestMethod]
    public void MissingNanoff_InstallFails_TriesOnceAndSaysHowToGetIt()
    {
        // A stand-in for 'dotnet' that fails like an install without access to nuget.org, and counts its calls;
        // the real one would reach a package registry, which tests must not.
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        string calls = Path.Combine(_temp, "dotnet-calls");
        FlashScript.WriteExecutable(bin, "dotnet", $"echo \"$*\" >> {calls}\necho 'error NU1101: Unable to find package nanoff' >&2\nexit 1");

        var result = FlashScript.Run(["--list-targets"], path: bin + ":/usr/bin:/bin");

        AssertOneLineFailure(result, 1, "nanoff is not installed and 'dotnet tool install -g nanoff' failed");
        StringAssert.Contains(result.Error, "https://api.nuget.org");
        CollectionAssert.AreEqual(new[] { "tool install -g nanoff" }, File.ReadAllLines(calls));
    }

    [TestMethod]
    public void MissingSerialPort_OneClearLine()
    {
        var result = FlashScript.Run(["--target", "ESP32_PSRAM_REV0", "--port", "/dev/ttyFLAXGUARD-none", "--skip-app", "--skip-provisioning"]);
        AssertOneLineFailure(result, 1, "serial port /dev/ttyFLAXGUARD-none not found");
    }

    [TestMethod]
    public void NoPortGiven_IsBadUsage()
    {
        var result = FlashScript.Run(["--target", "ESP32_PSRAM_REV0", "--skip-app", "--skip-provisioning"]);
        AssertOneLineFailure(result, 2, "--port is missing");
    }

    [TestMethod]
    public void UnknownOption_IsBadUsage()
    {
        var result = FlashScript.Run(["--frobnicate"]);
        AssertOneLineFailure(result, 2, "unknown option '--frobnicate' (see --help)");
    }

    [TestMethod]
    public void OptionWithoutValue_IsBadUsage()
    {
        var result = FlashScript.Run(["--target", "--port", "/dev/ttyUSB0"]);
        AssertOneLineFailure(result, 2, "--target needs a value");
    }

    [TestMethod]
    public void WifiPasswordAsArgument_IsRefused()
    {
        var result = FlashScript.Run(["--wifi-password", WifiPassword]);
        AssertOneLineFailure(result, 2, "the Wi-Fi password is never taken as an argument");
        Assert.IsFalse(result.Error.Contains(WifiPassword, StringComparison.Ordinal));
    }

    [TestMethod]
    public void MissingProvisioningFile_OneClearLine()
    {
        var result = FlashScript.Run(["--dry-run", "--target", "ESP32_REV0", "--port", "/dev/ttyUSB0", "--skip-app",
            "--provisioning", Path.Combine(_temp, "nope.json"), "--wifi-ssid", "office"]);
        AssertOneLineFailure(result, 1, "the provisioning file " + Path.Combine(_temp, "nope.json") + " does not exist");
    }

    [TestMethod]
    public void ProvisioningWithAShortKey_OneClearLine()
    {
        string file = Path.Combine(_temp, "short.json");
        File.WriteAllText(file, """{"hostUrl":"https://h.example","applianceId":"d1","key":"AAEC"}""");
        var result = FlashScript.Run(["--dry-run", "--skip-runtime", "--skip-app", "--port", "/dev/ttyUSB0", "--provisioning", file, "--wifi-ssid", "office"]);
        AssertOneLineFailure(result, 1, "is not base64 of 32 bytes");
    }

    [TestMethod]
    public void PlainHttpHost_IsRefusedWithTheFix()
    {
        string file = Path.Combine(_temp, "http.json");
        File.WriteAllText(file, "{\"format\":\"flaxguard-provisioning-1\",\"hostUrl\":\"http://192.0.2.10:8443\",\"applianceId\":\"d1\",\"key\":\"" + Key32 + "\",\"caCertificatePem\":null}");
        var result = FlashScript.Run(["--dry-run", "--skip-runtime", "--skip-app", "--port", "/dev/ttyUSB0", "--provisioning", file, "--wifi-ssid", "office"]);
        AssertOneLineFailure(result, 1, "--host-url https://HOST:PORT");
    }

    [TestMethod]
    public void UnknownProvisioningFormat_OneClearLine()
    {
        string file = Path.Combine(_temp, "future.json");
        File.WriteAllText(file, "{\"format\":\"flaxguard-provisioning-7\",\"hostUrl\":\"https://h.example\",\"applianceId\":\"d1\",\"key\":\"" + Key32 + "\"}");
        var result = FlashScript.Run(["--dry-run", "--skip-runtime", "--skip-app", "--port", "/dev/ttyUSB0", "--provisioning", file, "--wifi-ssid", "office"]);
        AssertOneLineFailure(result, 1, "has format flaxguard-provisioning-7");
    }

    [TestMethod]
    public void MissingPeDirectory_OneClearLine()
    {
        string missing = Path.Combine(_temp, "no-such-pe");
        var bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        FlashScript.WriteExecutable(bin, "nanoff", "exit 0");
        string port = Path.Combine(_temp, "ttyFAKE");
        File.WriteAllText(port, "");
        var result = FlashScript.Run(["--skip-runtime", "--skip-provisioning", "--port", port, "--pe-dir", missing, "--work-dir", Path.Combine(_temp, "w")],
            path: bin + ":/usr/bin:/bin");
        AssertOneLineFailure(result, 1, "the .pe folder " + missing + " does not exist");
    }

    /// <summary>
    /// A full run against a stand-in nanoff that records what it is given (no board here): the deployed image is the
    /// assembled one, the provisioning file on its way to I: holds the host settings plus Wi-Fi, the password never
    /// shows on the terminal, and the secret files are gone afterwards.
    /// </summary>
    [TestMethod]
    public void FullRun_DeploysTheImageAndTheMergedProvisioningFile_AndLeavesNoSecretsBehind()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        string seen = Directory.CreateDirectory(Path.Combine(_temp, "seen")).FullName;
        FlashScript.WriteExecutable(bin, "nanoff", $$"""
            if [ "$1" = "--version" ]; then echo "2.5.162"; exit 0; fi
            echo "$*" >> {{seen}}/calls
            prev=""
            for a in "$@"; do
              if [ "$prev" = "--image" ]; then cp "$a" {{seen}}/image.bin; fi
              if [ "$prev" = "--filedeployment" ]; then cp "$a" {{seen}}/filedeployment.json; src=$(jq -r '.Files[0].SourceFilePath' "$a"); cp "$src" {{seen}}/flaxguard.json; stat -c %a "$src" > {{seen}}/mode; fi
              prev="$a"
            done
            """);
        string peDir = Directory.CreateDirectory(Path.Combine(_temp, "pe")).FullName;
        File.Copy(FlashScript.RealMscorlibPe, Path.Combine(peDir, "mscorlib.pe"));
        File.WriteAllBytes(Path.Combine(peDir, "FlaxGuard.Esp32.pe"), [1, 2, 3, 4, 5]);
        string packages = FlashFixtures.PackagesFolder(Path.Combine(_temp, "packages"));
        string port = Path.Combine(_temp, "ttyUSB-test");
        File.WriteAllText(port, "");
        string work = Path.Combine(_temp, "work");

        string provisioning = Path.Combine(_temp, "agent-add.json");
        File.WriteAllText(provisioning, "{\"format\":\"flaxguard-provisioning-1\",\"hostUrl\":\"https://flaxguard.example:8443\",\"applianceId\":\"dongle-1\",\"name\":\"office dongle\",\"key\":\"" + Key32 + "\",\"intervalSeconds\":300,\"caCertificatePem\":null}");
        string ca = Path.Combine(_temp, "host-ca.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n");

        var result = FlashScript.Run(["--target", "ESP32_PSRAM_REV3", "--port", port, "--pe-dir", peDir, "--packages-dir", packages, "--provisioning", provisioning,
                "--ca-cert", ca, "--wifi-ssid", "office", "--work-dir", work],
            path: bin + ":/usr/bin:/bin", environment: new Dictionary<string, string> { ["FLAXGUARD_WIFI_PASSWORD"] = WifiPassword });

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        Assert.IsFalse((result.Output + result.Error).Contains(WifiPassword, StringComparison.Ordinal), "the Wi-Fi password was printed");
        Assert.IsFalse((result.Output + result.Error).Contains(Key32, StringComparison.Ordinal), "the appliance key was printed");
        string[] calls = File.ReadAllLines(Path.Combine(seen, "calls"));
        CollectionAssert.AreEqual(new[]
        {
            "--update --target ESP32_PSRAM_REV3 --serialport " + port,
            "--nanodevice --deploy --image " + work + "/flaxguard-esp32.bin --serialport " + port,
            "--filedeployment " + work + "/filedeployment.json --serialport " + port,
        }, calls);
        string[] imageFiles = FlashFixtures.Packages().Where(p => p.Id != "nanoFramework.CoreLibrary").OrderBy(p => p.Assembly + ".pe", StringComparer.Ordinal)
            .Select(p => Path.Combine(packages, p.Id + "." + p.Version, "lib", p.Assembly + ".pe"))
            .Prepend(Path.Combine(peDir, "mscorlib.pe")).Append(Path.Combine(peDir, "FlaxGuard.Esp32.pe")).ToArray();
        CollectionAssert.AreEqual(FlashScript.ExpectedImage(imageFiles), File.ReadAllBytes(Path.Combine(seen, "image.bin")));

        using var deployment = JsonDocument.Parse(File.ReadAllText(Path.Combine(seen, "filedeployment.json")));
        Assert.AreEqual(port, deployment.RootElement.GetProperty("SerialPort").GetString());
        Assert.AreEqual("I:\\flaxguard.json", deployment.RootElement.GetProperty("Files")[0].GetProperty("DestinationFilePath").GetString());

        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(seen, "flaxguard.json")));
        JsonElement root = written.RootElement;
        Assert.AreEqual("https://flaxguard.example:8443", root.GetProperty("hostUrl").GetString());
        Assert.AreEqual("dongle-1", root.GetProperty("applianceId").GetString());
        Assert.AreEqual(Key32, root.GetProperty("key").GetString());
        StringAssert.StartsWith(root.GetProperty("caCertificatePem").GetString(), "-----BEGIN CERTIFICATE-----", "--ca-cert fills the CA the provisioning file lacks");
        Assert.AreEqual("flaxguard-provisioning-1", root.GetProperty("format").GetString(), "members of 'flaxguard agent add' are kept");
        Assert.AreEqual("office dongle", root.GetProperty("name").GetString());
        Assert.AreEqual("wifi", root.GetProperty("network").GetString());
        Assert.AreEqual("office", root.GetProperty("wifiSsid").GetString());
        Assert.AreEqual(WifiPassword, root.GetProperty("wifiPassword").GetString());
        Assert.AreEqual("600", File.ReadAllText(Path.Combine(seen, "mode")).Trim(), "the merged provisioning file must be private");

        Assert.IsFalse(File.Exists(Path.Combine(work, "flaxguard.json")), "the merged provisioning file (key, Wi-Fi password) was left behind");
        Assert.IsFalse(File.Exists(Path.Combine(work, "filedeployment.json")));
    }

    private static void AssertOneLineFailure(FlashScript.Result result, int exitCode, string mustContain)
    {
        Assert.AreEqual(exitCode, result.ExitCode, "stdout: " + result.Output + Environment.NewLine + "stderr: " + result.Error);
        Assert.HasCount(1, result.ErrorLines, "expected exactly one error line, got:" + Environment.NewLine + result.Error);
        StringAssert.StartsWith(result.ErrorLines[0], "flash.sh: ");
        StringAssert.Contains(result.ErrorLines[0], mustContain);
    }

    private string WriteProvisioning()
    {
        string file = Path.Combine(_temp, "dongle-1.json");
        File.WriteAllText(file, $$"""
            {"hostUrl":"https://flaxguard.example:8443","applianceId":"dongle-1","key":"{{Key32}}","caCertificatePem":"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"}
            """);
        return file;
    }

    private string PeDirectory(params (string Name, int Length)[] files)
    {
        string directory = Directory.CreateDirectory(Path.Combine(_temp, "pe-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        byte seed = 1;
        foreach (var (name, length) in files)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)(seed * 16 + i + 1);
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            seed++;
        }
        return directory;
    }
}
