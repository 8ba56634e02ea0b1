using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Platform;

namespace FlaxGuard.Cli.Checking;

/// <summary>Runs the engine's probes against one device with the .NET platform adapters.</summary>
public sealed class CheckRunner : IDisposable
{
    private readonly HttpClientTransport _http = new();
    private readonly SocketTcpConnector _tcp = new();
    private readonly SocketUdpExchange _udp = new();

    public CheckResult Run(CheckRequest request)
    {
        var probes = new List<IProbe>();
        if (request.AllPorts || request.Ports is { Length: > 0 })
        {
            var count = request.AllPorts ? 65535 : request.Ports!.Length;
            probes.Add(new TcpExposureProbe(new TcpExposureOptions
            {
                Ports = request.Ports ?? [],
                AllPorts = request.AllPorts,
                ConnectTimeoutMs = request.ConnectTimeoutMs,
                Concurrency = request.Concurrency,
                // Bounded whatever the list: every port gets its turn at the given concurrency, plus slack.
                TotalTimeoutMs = (int)Math.Min(int.MaxValue, 10_000L + (long)Math.Ceiling(count / (double)request.Concurrency) * (request.ConnectTimeoutMs + 700)),
            }));
        }
        if (request.CheckHttp)
        {
            probes.Add(new HttpFingerprintProbe(new HttpFingerprintOptions
            {
                Scheme = request.HttpScheme,
                Port = request.HttpPort,
                Paths = request.AssetPaths,
                TimeoutMs = request.HttpTimeoutMs,
            }));
        }
        if (request.Profile != ProbeProfiles.Web)
        {
            var address = ProfileAddress.TryParse(request.Target.ToProfileText(), out var addressProblem)
                ?? throw new UserInputException($"the address cannot be used: {addressProblem}");
            var vendorProbes = ProbeProfiles.Create(request.Profile, address, request.User!, request.Password!, [], request.Settings, out var problem)
                ?? throw new UserInputException(problem);
            probes.InsertRange(0, vendorProbes);
        }
        else if (request.Settings.HasSnmp)
        {
            probes.Add(SnmpFamily.CreateProbe(request.Settings, out var snmpProblem) ?? throw new UserInputException(snmpProblem));
        }
        var context = new ProbeContext(request.Target.Host, _http, _tcp, _udp, SystemClock.Instance, SecureRandomSource.Instance);
        var result = TargetCheck.Run(context, [.. probes], request.Baseline, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());
        return request.HashDbPath is null ? result : FirmwareVerdicts.Add(result, request.HashDbPath, request.HashDbKey!, request.Baseline);
    }

    public void Dispose() => _http.Dispose();
}
