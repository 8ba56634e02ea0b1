using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Text;
using FlaxGuard.Hashes;
using FlaxGuard.Hashes.Signing;

namespace FlaxGuard.Cli.Commands;

/// <summary>Options and helpers shared by the <c>flaxguard hashes</c> subcommands.</summary>
internal static class HashesOptions
{
    public static Option<string> Directory() => new("--dir")
    {
        Description = "The firmware data directory (known-good/*.tsv, known-exploited.tsv, MANIFEST, MANIFEST.sig).",
        DefaultValueFactory = _ => "hashes",
    };

    public static Option<string?> PublicKey() => new("--public-key")
    {
        Description = "Trust this Ed25519 public key file instead of the FlaxGuard release key built into this tool.",
    };

    public static Option<string?> ApplianceKey() => new("--appliance-key")
    {
        Description = "The appliance's provisioning file (from 'flaxguard agent add'), or a file holding its key in hex; the database is authenticated for that appliance.",
    };

    /// <summary>Runs <paramref name="action"/>, turning data problems into one clear line and exit code 3.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (HashDataException e)
        {
            throw new UserInputException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(e.Message);
        }
    }

    /// <summary>The pinned release keys, or only the key the user named with --public-key.</summary>
    public static TrustedKeys TrustedKeys(string? publicKeyPath) =>
        publicKeyPath is null ? ReleaseKeys.Trusted : FlaxGuard.Hashes.Signing.TrustedKeys.Only(Ed25519Keys.ReadPublicKey(publicKeyPath));

    public static byte[] ReadApplianceKey(string? path)
    {
        if (path is null) throw new UserInputException("--appliance-key is required: the database is authenticated for one appliance with its key");
        if (!File.Exists(path)) throw new UserInputException($"appliance key file '{path}' does not exist");
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.UTF8.GetString(bytes).Trim();
        if (text.StartsWith('{'))
        {
            // The provisioning file agent add wrote: the same parser the agent and the dongle use.
            var provisioning = ProvisioningFile.Parse(bytes, out var problem)
                ?? throw new UserInputException($"'{path}' is not a usable provisioning file: {problem}");
            return provisioning.Key;
        }
        var key = Hex.TryDecode(text);
        if (key is null || key.Length < 16 || key.Length > 64)
            throw new UserInputException($"'{path}' must be the appliance's provisioning file, or hold its key as 32 to 128 hex digits");
        return key;
    }

    public static void RequireDirectory(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new UserInputException($"'{directory}' does not exist; run from the repository root or pass --dir <firmware data directory>");
    }
}

/// <summary>Reports progress on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
