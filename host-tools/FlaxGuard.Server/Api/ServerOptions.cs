using System.Net;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Api;

public sealed class ServerOptions
{
    public const string DefaultListen = "127.0.0.1:8443";

    /// <summary>Address and port to listen on; port 0 picks a free one (tests).</summary>
    public IPEndPoint Listen { get; init; } = IPEndPoint.Parse(DefaultListen);

    /// <summary>Largest report accepted; the body is never buffered beyond this.</summary>
    public int MaxReportBytes { get; init; } = ReportLimits.MaxEnvelopeBytes;

    /// <summary>How far a report's or job request's timestamp may be from the host clock, either way.</summary>
    public long TimeWindowSeconds { get; init; } = 300;

    /// <summary>The TLS server certificate with its private key; null (and no <see cref="CertificateSelector"/>) serves plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Asked at every TLS handshake for the certificate to present (one that is renewed while serve runs); wins over <see cref="Certificate"/>.</summary>
    public Func<X509Certificate2>? CertificateSelector { get; init; }

    /// <summary>Issuer certificates sent after <see cref="Certificate"/> (a brought certificate's chain); may be empty.</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>The Host header names requests may carry; null: those of <see cref="Listen"/> (<see cref="HostAllowList.For"/>).</summary>
    public HostAllowList? AllowedHosts { get; init; }

    /// <summary>How often refusal counters kept in memory are written to the store (and at shutdown).</summary>
    public TimeSpan RefusalFlushInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Log lines about refused requests per client and minute; further ones are summed up in one line.</summary>
    public int LogLinesPerClientPerMinute { get; init; } = 10;

    /// <summary>Bytes of stored reports one appliance may add per hour (see <see cref="ApplianceQuota"/>).</summary>
    public long ApplianceBytesPerHour { get; init; } = ApplianceQuota.DefaultBytesPerHour;

    /// <summary>The history kept; pruned at start and every <see cref="PruneInterval"/>.</summary>
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Default;

    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock of the appliance quota (tests move it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The hash database version jobs announce ("" for none) when <see cref="Firmware"/> is not set.</summary>
    public string HashDbVersion { get; init; } = "";

    /// <summary>The firmware data served at /api/v1/hashdb; its version is announced in every job. Null: none.</summary>
    public FlaxGuard.Server.Firmware.FirmwareDatabase? Firmware { get; init; }

    /// <summary>Seconds between two LAN discovery rounds of each appliance, sent in every job; 0 turns discovery off.</summary>
    public int DiscoveryIntervalSeconds { get; init; } = FlaxGuard.Engine.Jobs.JobLimits.DefaultDiscoveryIntervalSeconds;

    public static IPEndPoint ParseListen(string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':') && endpoint.Port is >= 0 and <= 65535
            && (endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? text.LastIndexOf(':') > 0 : text.StartsWith('[')))
            return endpoint;
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) && int.TryParse(text[10..], out var port) && port is >= 0 and <= 65535)
            return new IPEndPoint(IPAddress.Loopback, port);
        throw new StoreException($"--listen '{text}' is not <address>:<port> (e.g. 127.0.0.1:8443 or [::1]:8443)");
    }
}
