using System.CommandLine;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Probes.Profiles;

namespace FlaxGuard.Cli.Checking;

/// <summary>
/// The options of <c>check</c>, <c>device add</c> and <c>device set</c> that become a device's probe settings: the trusted
/// resolver and SNMP credentials. SNMP secrets, like passwords, come only from a terminal prompt or standard input,
/// never from the command line.
/// </summary>
public sealed class ProbeSettingOptions
{
    public Option<string?> DnsResolver { get; } = new("--dns-resolver")
    {
        Description = $"Trusted DNS resolver (IP address, optional port: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53) that the router's DNS answers are compared with, for the router profiles (openwrt, routeros, router) [default: {ProbeSettings.DefaultTrustedResolver}, Quad9; 'default' picks it again].",
    };

    public Option<string?> Snmp { get; } = new("--snmp")
    {
        Description = "Also ask the device over SNMP: 'v2c' (a community) or 'v3' (authPriv, SHA and AES-128; needs --snmp-user). The secrets come from --snmp-secrets-prompt or --snmp-secrets-stdin.",
    };

    public Option<string?> SnmpUser { get; } = new("--snmp-user") { Description = "SNMPv3 user name (with --snmp v3)." };

    public Option<bool> SecretsPrompt { get; } = new("--snmp-secrets-prompt")
    {
        Description = "Ask for the SNMP secrets on the terminal without echo: the community (v2c), or the authentication and then the privacy password (v3).",
    };

    public Option<bool> SecretsStdin { get; } = new("--snmp-secrets-stdin")
    {
        Description = "Read the SNMP secrets from standard input, one per line (after the account password when --password-stdin is also given): the community (v2c), or the authentication and then the privacy password (v3).",
    };

    // Declared only to refuse them without echoing the value (an unknown option would be printed back).
    private readonly Option<string?> _argvCommunity = new("--snmp-community") { Hidden = true };
    private readonly Option<string?> _argvAuth = new("--snmp-auth-password") { Hidden = true };
    private readonly Option<string?> _argvPriv = new("--snmp-priv-password") { Hidden = true };

    public void AddTo(Command command)
    {
        command.Options.Add(_argvCommunity);
        command.Options.Add(_argvAuth);
        command.Options.Add(_argvPriv);
        command.Options.Add(DnsResolver);
        command.Options.Add(Snmp);
        command.Options.Add(SnmpUser);
        command.Options.Add(SecretsPrompt);
        command.Options.Add(SecretsStdin);
        Snmp.AcceptOnlyFromAmong("v2c", "v3");
    }

    /// <summary>True when any of these options was given (for <c>device set</c>: something to change).</summary>
    public bool AnyGiven(ParseResult parse) =>
        parse.GetValue(DnsResolver) is not null || parse.GetValue(Snmp) is not null;

    /// <summary>Validates the options and reads the secrets they ask for. Reasons never quote a secret.</summary>
    /// <param name="requireSnmpForProfile">False for <c>device set</c>, where the stored credentials may serve.</param>
    public ProbeSettings Read(ParseResult parse, string profile, string host, bool requireSnmpForProfile = true)
    {
        if (parse.GetResult(_argvCommunity) is not null || parse.GetResult(_argvAuth) is not null || parse.GetResult(_argvPriv) is not null)
            throw new UserInputException("SNMP secrets on the command line are visible to other users and kept in shell history; use --snmp-secrets-prompt or --snmp-secrets-stdin");
        var settings = new ProbeSettings();
        var resolver = parse.GetValue(DnsResolver);
        if (resolver is not null && !resolver.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            if (TrustedResolverAddress.TryParse(resolver, out var problem) is null) throw new UserInputException("--dns-resolver: " + problem);
            settings.TrustedResolver = resolver;
        }
        var version = parse.GetValue(Snmp);
        var user = parse.GetValue(SnmpUser);
        bool prompt = parse.GetValue(SecretsPrompt), stdin = parse.GetValue(SecretsStdin);
        if (version is null)
        {
            if (profile == ProbeProfiles.Snmp && requireSnmpForProfile) throw new UserInputException("the snmp profile needs --snmp v2c or --snmp v3, with --snmp-secrets-prompt or --snmp-secrets-stdin");
            if (user is not null || prompt || stdin) throw new UserInputException("--snmp-user and the SNMP secrets options need --snmp v2c or --snmp v3");
            return settings;
        }
        if (prompt && stdin) throw new UserInputException("give either --snmp-secrets-prompt or --snmp-secrets-stdin, not both");
        if (!prompt && !stdin) throw new UserInputException($"--snmp {version} needs its secrets: add --snmp-secrets-prompt, or pipe them with --snmp-secrets-stdin");
        if (version == "v3")
        {
            if (string.IsNullOrEmpty(user)) throw new UserInputException("--snmp v3 needs --snmp-user");
            settings.SnmpUser = user;
            settings.SnmpAuthPassword = ReadSecret(prompt, $"SNMPv3 authentication password for {user} on {host}: ");
            settings.SnmpPrivPassword = ReadSecret(prompt, $"SNMPv3 privacy password for {user} on {host}: ");
        }
        else
        {
            if (user is not null) throw new UserInputException("--snmp-user is for --snmp v3; v2c uses a community");
            settings.SnmpCommunity = ReadSecret(prompt, $"SNMP community for {host}: ");
        }
        if (settings.SnmpProblem() is { } snmpProblem) throw new UserInputException(snmpProblem);
        return settings;
    }

    private static string ReadSecret(bool prompt, string label)
    {
        if (prompt) return PasswordInput.FromTerminal(label);
        if (!Console.IsInputRedirected) throw new UserInputException("--snmp-secrets-stdin reads piped secrets; on a terminal use --snmp-secrets-prompt");
        var line = Console.In.ReadLine() ?? throw new UserInputException("--snmp-secrets-stdin: standard input ended before every SNMP secret was read");
        line = line.TrimEnd('\r');
        if (line.Length == 0) throw new UserInputException("--snmp-secrets-stdin: an SNMP secret line is empty");
        return line;
    }
}
