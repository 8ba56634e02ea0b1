using System.CommandLine;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent rekey</c>: a new key for an appliance, handed over in a new provisioning file; the old key is refused at once.</summary>
public static class AgentRekeyCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("appliance") { Description = "Appliance name or id." };
        var provisioning = new ProvisioningFileWriter();
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("rekey", $"""
            Give an appliance a new random key (a provisioning file was copied, a dongle was lost and found, or simply on schedule). The new key is written once to a provisioning file exactly like 'agent add' writes it (same id and name, mode 0600, host CA pinned); copy it to the appliance ('install -m 0600 FILE /etc/flaxguard/agent.json' and restart the agent, or step 6 of ./flash.sh for a dongle). Its devices, reports and baselines stay.

            {KeyRotationPolicy.HelpText} A running 'flaxguard serve' refuses the old key (HTTP 401) from the next request on, without a restart.

            Examples:
              flaxguard agent rekey office-pi --host-url https://192.0.2.10:8443 --out office-pi.json
              flaxguard agent rekey office-dongle --out office-dongle.json
            """)
        {
            name, provisioning.HostUrl, provisioning.Ca, provisioning.Out, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var (uri, pin, outPath) = provisioning.Prepare(parse, StoreOptions.DataDirectory(parse, dataDir));
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var master = StoreOptions.Master(parse, dataDir);
            var appliance = await StoreOptions.RequireAppliance(store, parse.GetValue(name)!, ct);
            var key = Enrollment.NewApplianceKey();
            string written;
            try
            {
                // The file first: a key the host would accept but nobody holds would lock the appliance out.
                written = ProvisioningFileWriter.Write(outPath, uri, appliance, key, pin);
                try
                {
                    await Enrollment.RekeyApplianceAsync(store, master, appliance, key, StoreOptions.Now(), ct);
                }
                catch
                {
                    File.Delete(written);
                    throw;
                }
            }
            finally
            {
                Array.Clear(key);
            }
            console.WriteLine($"Appliance {appliance.Name} ({appliance.Id}) has a new key; the old one is refused from now on.");
            console.WriteLine($"Provisioning file: {written} (holds the new key; it is not shown again - copy it to the appliance, then delete it).");
            foreach (var line in pin.Lines) Console.Out.WriteLine(line);
            if (appliance.QueueLength is > 0)
                console.WriteLine($"Note: the appliance last reported {appliance.QueueLength} queued report(s); those sealed with the old key are refused.");
            return 0;
        }));
        return command;
    }
}
