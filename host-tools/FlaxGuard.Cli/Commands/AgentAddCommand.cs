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
    public const string DefaultHostUrl = "https://127.0.0.1:8443";

    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "A name for the appliance, e.g. office-dongle." };
        var interval = new Option<int>("--interval") { Description = "Seconds between two rounds of checks.", DefaultValueFactory = _ => 300 };
        var hostUrl = new Option<string>("--host-url") { Description = "The URL the appliance reaches 'flaxguard serve' at (https:// unless serve runs with --plain-http).", DefaultValueFactory = _ => DefaultHostUrl };
        var ca = new Option<string?>("--ca") { Description = "PEM certificate of the CA that issued serve's --tls-cert, to pin instead of the host CA. Default: the host CA in <data dir>/tls/ca.crt (created if missing)." };
        var output = new Option<string?>("--out") { Description = "Provisioning file to write (refuses to overwrite). Default: <appliance id>.provisioning.json." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("add", """
            Create an appliance identity and a random 32-byte key. The key is written once, to a provisioning file (mode 0600) for flash.sh or the Linux agent; it is not shown on screen and cannot be shown again. The host keeps it only encrypted under its master key.

            For an https:// host URL the file also carries the host CA's certificate (<data dir>/tls/ca.crt, the CA 'flaxguard serve' signs its certificate with): the appliance trusts only that CA and refuses any other server. Start serve with a --tls-name for the host in --host-url. If serve uses your own --tls-cert, pass its issuer's certificate with --ca. An http:// URL needs 'serve --plain-http' and pins nothing.

            Examples:
              flaxguard agent add office-dongle
              flaxguard agent add attic-pi --interval 600 --host-url https://192.0.2.10:8443 --out attic-pi.json
              flaxguard agent add cellar-pi --host-url https://flaxguard.example.net --ca /etc/ssl/certs/ISRG_Root_X1.pem
            """)
        {
            name, interval, hostUrl, ca, output, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var url = parse.GetValue(hostUrl)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
                throw new UserInputException($"--host-url must be an http:// or https:// URL without credentials, e.g. https://192.0.2.10:8443");
            var outPath = parse.GetValue(output);
            if (outPath is not null && File.Exists(outPath)) throw new UserInputException($"'{outPath}' already exists; choose another --out (a provisioning file is never overwritten)");
            var pin = PinnedCa.For(uri, parse.GetValue(ca), StoreOptions.DataDirectory(parse, dataDir));
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
                caCertificatePem = pin.Pem,
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
            foreach (var line in pin.Lines) Console.Out.WriteLine(line);
            console.WriteLine("Next: flaxguard device add <name> --address <ip or url> --profile <profile> --appliance " + appliance.Id);
            return 0;
        }));
        return command;
    }
}
