using System.CommandLine;
using FlaxGuard.Cli.Output;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// The provisioning file 'agent add' and 'agent rekey' write: host URL, appliance id, name, key, interval and the pinned
/// host CA, private (mode 0600), never overwritten.
/// </summary>
internal sealed class ProvisioningFileWriter
{
    public const string Format = "flaxguard-provisioning-1";
    public const string DefaultHostUrl = "https://127.0.0.1:8443";

    public Option<string> HostUrl { get; } = new("--host-url")
    {
        Description = "The URL the appliance reaches 'flaxguard serve' at (https:// unless serve runs with --plain-http).",
        DefaultValueFactory = _ => DefaultHostUrl,
    };

    public Option<string?> Ca { get; } = new("--ca")
    {
        Description = "PEM certificate of the CA that issued serve's --tls-cert, to pin instead of the host CA. Default: the host CA in <data dir>/tls/ca.crt (created if missing).",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Provisioning file to write (refuses to overwrite). Default: <appliance id>.provisioning.json.",
    };

    /// <summary>Checks the options before anything is changed in the store; returns the host URI and what to pin.</summary>
    public (Uri HostUrl, PinnedCa Pin, string? OutPath) Prepare(ParseResult parse, string dataDirectory)
    {
        var url = parse.GetValue(HostUrl)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            throw new UserInputException("--host-url must be an http:// or https:// URL without credentials, e.g. https://192.0.2.10:8443");
        var outPath = parse.GetValue(Out);
        if (outPath is not null && File.Exists(outPath)) throw new UserInputException($"'{outPath}' already exists; choose another --out (a provisioning file is never overwritten)");
        if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
            throw new UserInputException($"the folder of --out '{outPath}' does not exist");
        return (uri, PinnedCa.For(uri, parse.GetValue(Ca), dataDirectory), outPath);
    }

    /// <summary>Writes the file (the caller clears <paramref name="key"/>); returns the full path written.</summary>
    public static string Write(string? outPath, Uri hostUrl, ApplianceRecord appliance, byte[] key, PinnedCa pin)
    {
        outPath ??= $"{appliance.Id}.provisioning.json";
        var json = CliJson.RelaxedUtf8(new ProvisioningJson(
            Format, hostUrl.ToString().TrimEnd('/'), appliance.Id, appliance.Name, Convert.ToBase64String(key), appliance.IntervalSeconds, pin.Pem));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(outPath, options);
            file.Write(json);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            Array.Clear(json);
        }
        return Path.GetFullPath(outPath);
    }
}
