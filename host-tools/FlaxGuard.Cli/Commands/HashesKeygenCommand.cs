using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Hashes.Signing;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard hashes keygen</c>: a new Ed25519 signing key pair for the firmware data.</summary>
public static class HashesKeygenCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var output = new Option<string?>("--out") { Description = "Path of the private key file to create (mode 0600); the public key goes to the same path plus '.pub'." };
        var force = new Option<bool>("--force") { Description = "Replace existing key files (the old private key is lost)." };
        var command = new Command("keygen", """
            Create an Ed25519 key pair for signing firmware data. The private key is written to a file only its owner can read, and is never printed; keep it off shared machines and out of the repository.

            Examples:
              flaxguard hashes keygen --out ~/keys/flaxguard-data.key
              flaxguard hashes sign --key ~/keys/flaxguard-data.key
              flaxguard hashes verify --public-key ~/keys/flaxguard-data.key.pub
            """)
        {
            output, force,
        };
        command.SetAction(parse => HashesOptions.Run(() =>
        {
            var path = parse.GetValue(output) ?? throw new UserInputException("--out is required: where to write the private key");
            var overwrite = parse.GetValue(force);
            var (seed, publicKey) = Ed25519Keys.Generate();
            var publicPath = path + ".pub";
            if (File.Exists(publicPath) && !overwrite) throw new UserInputException($"'{publicPath}' already exists; add --force to replace it");
            Ed25519Keys.WritePrivateKey(path, seed, overwrite);
            Ed25519Keys.WritePublicKey(publicPath, publicKey, overwrite);
            console.MarkupLine($"Private key: [bold]{SafeMarkup.Escape(path)}[/] (mode 0600; keep it safe, it is not shown).");
            console.MarkupLine($"Public key:  [bold]{SafeMarkup.Escape(publicPath)}[/], key id [bold]{Ed25519Keys.KeyId(publicKey)}[/].");
            return 0;
        }));
        return command;
    }
}
