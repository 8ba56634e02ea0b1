using System.CommandLine;
using System.Text.Json;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent add</c>: a new appliance identity and key, written once to a provisioning file.</summary>
public static class AgentAddCommand
{
    public const string ProvisioningFormat = "flaxguard-provisioning-1";

    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "A name for the appliance, e.g. office-dongle." };
        var interval = new Option<int>("--interval") { Description = "Seconds between two rounds of checks.", DefaultValueFactory = _ => 300 };
        var hostUrl = new Option<string>("--host-url") { Description = "The URL the appliance reaches 'flaxguard serve' at.", DefaultValueFactory = _ => "http://127.0.0.1:8443" };
        var output = new Option<string?>("--out") { Description = "Provisioning file to write (refuses to overwrite). Default: <appliance id>.provisioning.json." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("add", """
            Create an appliance identity and a random 32-byte key. The key is written once, to a provisioning file (mode 0600) for flash.sh or the Linux agent; it is not shown on screen and cannot be shown again. The host keeps it only encrypted under its master key.

            Examples:
              flaxguard agent add office-dongle
              flaxguard agent add attic-pi --interval 600 --host-url http://192.168.1.10:8443 --out attic-pi.json
            """)
        {
            name, interval, hostUrl, output, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var url = parse.GetValue(hostUrl)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
                throw new UserInputException($"--host-url must be an http:// or https:// URL without credentials, e.g. http://192.168.1.10:8443");
            var outPath = parse.GetValue(output);
            if (outPath is not null && File.Exists(outPath)) throw new UserInputException($"'{outPath}' already exists; choose another --out (a provisioning file is never overwritten)");
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var master = StoreOptions.Master(parse, dataDir);
            var (appliance, key) = await Enrollment.AddApplianceAsync(store, master, parse.GetValue(name)!, parse.GetValue(interval), StoreOptions.Now(), ct);
            outPath ??= $"{appliance.Id}.provisioning.json";
            var json = JsonSerializer.SerializeToUtf8Bytes(new
            {
                format = ProvisioningFormat,
                hostUrl = uri.ToString().TrimEnd('/'),
                applianceId = appliance.Id,
                name = appliance.Name,
                key = Convert.ToBase64String(key),
                intervalSeconds = appliance.IntervalSeconds,
                caCertificatePem = (string?)null,
            }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Array.Clear(key);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(outPath, options))
            {
                file.Write(json);
                file.Flush(flushToDisk: true);
            }
            Array.Clear(json);
            console.WriteLine($"Appliance {appliance.Name} enrolled as {appliance.Id} (checks every {appliance.IntervalSeconds} s).");
            console.WriteLine($"Provisioning file: {Path.GetFullPath(outPath)} (holds the key; it is not shown again - copy it to the appliance, then delete it).");
            console.WriteLine("Next: flaxguard device add <name> --address <ip or url> --profile <profile> --appliance " + appliance.Id);
            return 0;
        }));
        return command;
    }
}
