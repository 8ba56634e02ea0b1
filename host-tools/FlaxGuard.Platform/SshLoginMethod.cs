using System.Net.Sockets;
using FlaxGuard.Engine.FactoryPasswords;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FlaxGuard.Platform;

/// <summary>
/// One SSH login of the factory-password check (SSH.NET; host side only, the dongle has no room for SSH): a fresh
/// connection per credential offering password and keyboard-interactive authentication (the two ways sshd and
/// dropbear take a password), bounded in time as a whole. Accepted when the session opens, refused on an
/// authentication failure, unavailable when nothing listens. The host key is not pinned: nothing is sent but
/// public factory passwords, and the session is closed at once.
/// </summary>
public sealed class SshLoginMethod(string host, int port, TimeSpan timeout) : ILoginMethod
{
    public string Name => "ssh";

    public int Try(string user, string password)
    {
        var keyboard = new KeyboardInteractiveAuthenticationMethod(user);
        keyboard.AuthenticationPrompt += (_, e) =>
        {
            // Every prompt of a password login gets the password; a server asking more is still bounded by the timeout.
            foreach (var prompt in e.Prompts) prompt.Response = password;
        };
        var info = new ConnectionInfo(host, port, user, new PasswordAuthenticationMethod(user, password), keyboard) { Timeout = timeout };
        using var client = new SshClient(info);
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            client.ConnectAsync(bound.Token).GetAwaiter().GetResult();
            return client.IsConnected ? FactoryLogin.Accepted : FactoryLogin.Failed;
        }
        catch (SshAuthenticationException)
        {
            return FactoryLogin.Refused;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut)
        {
            return FactoryLogin.Unavailable;
        }
        catch (Exception e) when (e is SshException or SocketException or OperationCanceledException or TimeoutException or ProxyException)
        {
            // Reset, a server that stops talking, a ban: no clear answer. The exception text is dropped on purpose.
            return FactoryLogin.Failed;
        }
        finally
        {
            if (client.IsConnected) client.Disconnect();
        }
    }
}
