using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes compile</c>: verified source data → the appliance's database.</summary>
public static class HashesCompileCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dir = HashesOptions.Directory();
        var publicKey = HashesOptions.PublicKey();
        var applianceKey = HashesOptions.ApplianceKey();
        var output = new Option<string?>("--out") { Description = "Where to write the compiled database." };
        var command = new Command("compile", """
            Verify the signed firmware data, then compile it into the compact sorted database the appliance binary-searches from flash, authenticated with the appliance's key (HMAC-SHA256). Unsigned or altered data is refused.

            Examples:
              flaxguard hashes compile --appliance-key appliance.key --out firmware.db
              flaxguard hashes compile --dir ./hashes --public-key my.key.pub --appliance-key lab.key --out lab.db
            """)
        {
            dir, publicKey, applianceKey, output,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var outPath = parse.GetValue(output) ?? throw new UserInputException("--out is required: where to write the database");
            var key = HashesOptions.ReadApplianceKey(parse.GetValue(applianceKey));
            var verified = Manifest.Verify(directory, HashesOptions.TrustedKeys(parse.GetValue(publicKey)), DateTimeOffset.UtcNow);
            var sources = SourceSet.Load(directory);
            var options = new CompileOptions(verified.DatabaseVersion, verified.KeyIdBytes, key, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var temp = outPath + ".tmp";
            CompileSummary summary = null!;
            console.Status().Start("Compiling…", ctx =>
            {
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write);
                summary = DatabaseCompiler.Compile(sources, options, stream, new SyncProgress<string>(s => ctx.Status($"Compiling… {s}")));
            });
            File.Move(temp, outPath, overwrite: true);
            console.MarkupLine($"Compiled database version [bold]{verified.DatabaseVersion}[/] to [bold]{SafeMarkup.Escape(outPath)}[/]: {summary.Artifacts:N0} artifact hash(es), {summary.Releases:N0} firmware release(s) of {summary.Models:N0} model(s), {summary.Exploits:N0} known-exploited row(s), {summary.TotalBytes:N0} bytes.");
            return 0;
        }));
        return command;
    }
}
