using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Signing;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes sign</c>: writes MANIFEST and MANIFEST.sig over the source files.</summary>
public static class HashesSignCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var key = new Option<string?>("--key") { Description = "The Ed25519 private key file (from 'flaxguard hashes keygen')." };
        var dir = HashesOptions.Directory();
        var command = new Command("sign", """
            Check every source row, then write MANIFEST (the SHA-256 of each source file and a database version one higher than before) and MANIFEST.sig (its Ed25519 signature). Run it after every change to the data.

            Examples:
              flaxguard hashes sign --key /safe/place/flaxguard-release.key
              flaxguard hashes sign --key my.key --dir ./hashes
            """)
        {
            key, dir,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var keyPath = parse.GetValue(key) ?? throw new UserInputException("--key is required: the private key that signs the data");
            var directory = parse.GetValue(dir)!;
            HashesOptions.RequireDirectory(directory);
            var seed = Ed25519Keys.ReadPrivateKey(keyPath);
            var version = Manifest.Sign(directory, seed);
            var keyId = Ed25519Keys.KeyId(Ed25519Keys.PublicKeyOf(seed));
            var pinned = ReleaseKeys.Trusted.Pinned.FirstOrDefault(p => p.KeyId == keyId);
            var release = pinned is null ? " (not a pinned release key: the host tool trusts it only with --public-key)" : $" ({pinned.Name}, trusted until {pinned.NotAfter:yyyy-MM-dd})";
            console.MarkupLine($"Signed [bold]{SafeMarkup.Escape(directory)}[/] as database version [bold]{version}[/] with key {keyId}{release}.");
            return 0;
        }));
        return command;
    }
}
