using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent add</c>: a new appliance identity and key, written once to a provisioning file.</summary>
public static class AgentAddCommand
{
    public const string ProvisioningFormat = ProvisioningFileWriter.Format;
    public const string DefaultHostUrl = ProvisioningFileWriter.DefaultHostUrl;

    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "A name for the appliance, e.g. office-dongle." };
        var interval = new Option<int>("--interval") { Description = "Seconds between two rounds of checks.", DefaultValueFactory = _ => 300 };
        var provisioning = new ProvisioningFileWriter();
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
            name, interval, provisioning.HostUrl, provisioning.Ca, provisioning.Out, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var (uri, pin, outPath) = provisioning.Prepare(parse, StoreOptions.DataDirectory(parse, dataDir));
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var master = StoreOptions.Master(parse, dataDir);
            var (appliance, key) = await Enrollment.AddApplianceAsync(store, master, parse.GetValue(name)!, parse.GetValue(interval), StoreOptions.Now(), ct);
            string written;
            try
            {
                written = ProvisioningFileWriter.Write(outPath, uri, appliance, key, pin);
            }
            finally
            {
                Array.Clear(key);
            }
            console.WriteLine($"Appliance {appliance.Name} enrolled as {appliance.Id} (checks every {appliance.IntervalSeconds} s).");
            console.WriteLine($"Provisioning file: {written} (holds the key; it is not shown again - copy it to the appliance, then delete it).");
            foreach (var line in pin.Lines) Console.Out.WriteLine(line);
            console.WriteLine("Next: flaxguard device add <name> --address <ip or url> --profile <profile> --appliance " + appliance.Id);
            return 0;
        }));
        return command;
    }
}
