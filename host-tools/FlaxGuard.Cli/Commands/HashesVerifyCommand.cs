using System.CommandLine;
using FlaxGuard.Cli.Output;
using FlaxGuard.Hashes;
using FlaxGuard.Hashes.Signing;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes verify</c>: is the firmware data signed by the trusted key and unaltered?</summary>
public static class HashesVerifyCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dir = HashesOptions.Directory();
        var publicKey = HashesOptions.PublicKey();
        var command = new Command("verify", """
            Check the Ed25519 signature of the firmware data and that no source file was altered, added or removed since signing. Unsigned data, data signed by another key, and altered data are refused.

            Exit codes: 0 verified, 2 refused (the reason is printed), 3 bad input.

            Examples:
              flaxguard hashes verify
              flaxguard hashes verify --dir ./hashes --public-key my.key.pub
            """)
        {
            dir, publicKey,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var trusted = HashesOptions.TrustedKeys(parse.GetValue(publicKey));
            try
            {
                var verified = Manifest.Verify(directory, trusted, DateTimeOffset.UtcNow);
                console.MarkupLine($"[green]Verified[/]: {verified.FileCount} source file(s), database version {verified.DatabaseVersion}, signed by key {verified.KeyId}.");
                return ExitCodes.Ok;
            }
            catch (HashDataException e)
            {
                Console.Error.WriteLine($"flaxguard: REFUSED: {e.Message}");
                return ExitCodes.Critical;
            }
        }));
        return command;
    }
}
