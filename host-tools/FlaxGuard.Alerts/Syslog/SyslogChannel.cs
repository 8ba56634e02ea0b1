using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Alerts.Syslog;

/// <summary>
/// Sends RFC 5424 messages (see <see cref="SyslogFormatter"/>) over UDP (RFC 5426: one message per datagram,
/// at most 2048 bytes) or TCP (RFC 6587 octet counting, one kept-open connection, reopened after a failure).
/// </summary>
public sealed class SyslogChannel : IAlertChannel
{
    /// <summary>TCP messages may be longer than UDP ones; rsyslog's default maximum is 8 KiB.</summary>
    public const int MaxTcpMessageBytes = 8192;

    private readonly SyslogOptions _options;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly int _processId = Environment.ProcessId;
    private Socket? _socket;

    public SyslogChannel(SyslogOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public string Description => _options.Description;

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var udp = _options.Transport == SyslogTransport.Udp;
        var message = SyslogFormatter.Format(alert, _options.Facility, _options.Hostname, _processId,
            udp ? SyslogFormatter.MaxUdpMessageBytes : MaxTcpMessageBytes);
        var payload = udp ? message : SyslogFormatter.OctetCounted(message);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _socket ??= await ConnectAsync(attempt.Token).ConfigureAwait(false);
            var sent = 0;
            while (sent < payload.Length)
            {
                sent += await _socket.SendAsync(payload.AsMemory(sent), SocketFlags.None, attempt.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Reset();
            throw new AlertDeliveryException($"{Description}: could not send within {_options.Timeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            Reset();
            throw new AlertDeliveryException($"{Description}: {Problem(e.SocketErrorCode)}", inner: e);
        }
        catch (OperationCanceledException)
        {
            Reset();
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(_options.Host, out var literal)) addresses = [literal];
        else addresses = await Dns.GetHostAddressesAsync(_options.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new AlertDeliveryException($"{Description}: the host name does not resolve");
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = _options.Transport == SyslogTransport.Udp
                ? new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
                : new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // A connected UDP socket only fixes the peer; for TCP this is the handshake.
                await socket.ConnectAsync(new IPEndPoint(address, _options.Port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static string Problem(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (is the syslog server listening?)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host is unreachable",
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "the server closed the connection",
        SocketError.TimedOut => "timed out",
        _ => "network error " + error,
    };

    private void Reset()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            Reset();
        }
        finally
        {
            _lock.Release();
        }
    }
}
