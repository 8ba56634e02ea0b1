using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlaxGuard.NanoGate.Tests.Flash;

/// <summary>
/// What flash.sh's build and image steps work on, made here without a network: real .pe files written by
/// nanoFramework's metadata processor (nano-mdp) from small assemblies compiled against the real mscorlib 1.17.11,
/// package folders in both NuGet layouts, and a stand-in 'dotnet' that plays the gate (--pe-out) and 'dotnet restore'.
/// </summary>
internal static class FlashFixtures
{
    /// <summary>One package of firmware/FlaxGuard.Esp32/packages.config and the assembly its .nfproj HintPath names.</summary>
    public sealed record Package(string Id, string Version, string Assembly);

    /// <summary>The packages flash.sh must deploy, read here independently of flash.sh.</summary>
    public static IReadOnlyList<Package> Packages()
    {
        string esp32 = Path.Combine(FlashScript.RepositoryRoot, "firmware", "FlaxGuard.Esp32");
        var config = XDocument.Load(Path.Combine(esp32, "packages.config"));
        string project = File.ReadAllText(Path.Combine(esp32, "FlaxGuard.Esp32.nfproj"));
        var packages = new List<Package>();
        foreach (var element in config.Root!.Elements("package"))
        {
            string id = (string)element.Attribute("id")!, version = (string)element.Attribute("version")!;
            string marker = "packages\\" + id + "." + version + "\\lib\\";
            int at = project.IndexOf(marker, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, at, "FlaxGuard.Esp32.nfproj has no HintPath for " + id + " " + version);
            int start = at + marker.Length;
            string assembly = project[start..project.IndexOf(".dll", start, StringComparison.Ordinal)];
            packages.Add(new Package(id, version, assembly));
        }
        Assert.IsGreaterThanOrEqualTo(10, packages.Count, "packages.config lists too few packages");
        return packages;
    }

    /// <summary>nanoFramework's metadata processor for Linux: $FLAXGUARD_NANO_MDP, else shared/tools next to the repository.</summary>
    public static string MdpTool
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("FLAXGUARD_NANO_MDP")
                ?? Path.GetFullPath(Path.Combine(FlashScript.RepositoryRoot, "..", "shared", "tools", "nanoframework-mdp", "nano-mdp"));
            Assert.IsTrue(File.Exists(path), "nano-mdp (nanoFramework's metadata processor) not found at " + path + "; set FLAXGUARD_NANO_MDP");
            return path;
        }
    }

    private static string RealMscorlibDll
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.dll");
            Assert.IsTrue(File.Exists(path), "nano/mscorlib.dll was not copied next to the tests: " + path);
            return path;
        }
    }

    /// <summary>
    /// Compiles <paramref name="source"/> into <paramref name="assemblyName"/>.dll against the real mscorlib (and
    /// <paramref name="references"/>), then runs the metadata processor: returns the path of the .pe it wrote.
    /// </summary>
    public static string BuildPe(string directory, string assemblyName, string source, params string[] references)
    {
        Directory.CreateDirectory(directory);
        var referenceDir = Directory.CreateDirectory(Path.Combine(directory, "refs-" + assemblyName)).FullName;
        File.Copy(RealMscorlibDll, Path.Combine(referenceDir, "mscorlib.dll"), overwrite: true);
        foreach (string reference in references) File.Copy(reference, Path.Combine(referenceDir, Path.GetFileName(reference)), overwrite: true);

        var compilation = CSharpCompilation.Create(assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp13))],
            new[] { RealMscorlibDll }.Concat(references).Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true));
        string dll = Path.Combine(directory, assemblyName + ".dll");
        var emitted = compilation.Emit(dll);
        Assert.IsTrue(emitted.Success, "fixture did not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        string pe = Path.Combine(directory, assemblyName + ".pe");
        var start = new ProcessStartInfo(MdpTool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { dll, pe, referenceDir }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(120_000), "nano-mdp did not finish");
        Assert.AreEqual(0, process.ExitCode, "nano-mdp refused " + assemblyName + ": " + output);
        byte[] bytes = File.ReadAllBytes(pe);
        CollectionAssert.AreEqual("NFMRK1"u8.ToArray(), bytes[..6], "nano-mdp output is not a nanoFramework .pe");
        return pe;
    }

    /// <summary>
    /// A package folder holding the .pe of each package (real mscorlib.pe for CoreLibrary, distinct odd-length
    /// stand-in bytes for the others, which this machine cannot download), in the 'nuget restore' layout
    /// (Id.Version/lib) or the NuGet global packages layout (id/version/lib). <paramref name="except"/>: ids left out.
    /// </summary>
    public static string PackagesFolder(string directory, bool globalLayout = false, params string[] except)
    {
        Directory.CreateDirectory(directory);
        byte seed = 1;
        foreach (var package in Packages())
        {
            seed++;
            if (except.Contains(package.Id)) continue;
            string lib = globalLayout
                ? Path.Combine(directory, package.Id.ToLowerInvariant(), package.Version, "lib")
                : Path.Combine(directory, package.Id + "." + package.Version, "lib");
            Directory.CreateDirectory(lib);
            string pe = Path.Combine(lib, package.Assembly + ".pe");
            if (package.Id == "nanoFramework.CoreLibrary") File.Copy(FlashScript.RealMscorlibPe, pe);
            else File.WriteAllBytes(pe, StandIn(package.Assembly, 101 + 2 * seed));
            File.WriteAllBytes(Path.Combine(lib, package.Assembly + ".dll"), [0x4D, 0x5A]); // never deployed
        }
        return directory;
    }

    /// <summary>Recognisable bytes: the assembly name, then a counter, <paramref name="length"/> bytes in all.</summary>
    public static byte[] StandIn(string name, int length)
    {
        byte[] bytes = new byte[length];
        byte[] label = System.Text.Encoding.ASCII.GetBytes("PKG:" + name + ":");
        for (int i = 0; i < length; i++) bytes[i] = i < label.Length ? label[i] : (byte)(i % 251 + 1);
        return bytes;
    }

    /// <summary>
    /// A stand-in for 'dotnet' on PATH. 'dotnet run ... --pe-out DIR' copies <paramref name="gateOutput"/> into DIR
    /// (as the gate does); 'dotnet restore PROJECT ... --packages DIR' keeps PROJECT as restore.csproj in
    /// <paramref name="seen"/> and copies <paramref name="restoreSource"/> (NuGet global layout) into DIR. Every call
    /// is appended to seen/dotnet-calls. <paramref name="gateExit"/> non-zero: the gate prints a finding and fails.
    /// </summary>
    public static void WriteFakeDotnet(string bin, string seen, string gateOutput, string? restoreSource = null, int gateExit = 0)
    {
        FlashScript.WriteExecutable(bin, "dotnet", $$"""
            echo "$*" >> '{{seen}}/dotnet-calls'
            value_of() { local want="$1" prev="" a; shift; for a in "$@"; do if [ "$prev" = "$want" ]; then printf '%s' "$a"; fi; prev="$a"; done; }
            case "$1" in
              run)
                if [ {{gateExit}} -ne 0 ]; then echo "NANOGATE: generic type: Box<T>"; exit {{gateExit}}; fi
                out="$(value_of --pe-out "$@")"; [ -n "$out" ] || exit 2
                cp '{{gateOutput}}'/* "$out"/ ;;
              restore)
                cp "$2" '{{seen}}/restore.csproj'
                packages="$(value_of --packages "$@")"; [ -n "$packages" ] || exit 2
                mkdir -p "$packages"
                if [ -n '{{restoreSource ?? ""}}' ]; then cp -r '{{restoreSource ?? ""}}'/. "$packages"/; fi ;;
              *) echo "unexpected dotnet call: $*" >&2; exit 3 ;;
            esac
            """);
    }
}
