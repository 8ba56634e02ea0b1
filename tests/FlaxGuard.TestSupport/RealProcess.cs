using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlaxGuard.TestSupport;

/// <summary>
/// A real server process (snmpd, dnsmasq, sshd, ...) started in the foreground for one test class and
/// killed with its children on dispose. Its output is kept so a failing start explains itself.
/// </summary>
public sealed class RealProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RealProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="program"/>; with <paramref name="netns"/> it runs inside that network namespace, with
    /// <paramref name="environment"/> those variables are set for it (on top of the test's own).
    /// </summary>
    public static RealProcess Start(string program, IEnumerable<string> args, string? netns = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(netns is null ? program : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            info.ArgumentList.Add("netns");
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(netns);
            info.ArgumentList.Add(program);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var real = new RealProcess(process);
        process.OutputDataReceived += (_, e) => real.Append(e.Data);
        process.ErrorDataReceived += (_, e) => real.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return real;
    }

    /// <summary>Waits until something accepts TCP connections at the endpoint, or fails the test with the process output.</summary>
    public void WaitForTcp(IPAddress address, int port, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (HasExited) Assert.Fail($"the server exited early with {_process.ExitCode}:\n{Output}");
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (socket.ConnectAsync(address, port).Wait(500)) return;
            }
            catch (AggregateException)
            {
                // Not listening yet.
            }
            Thread.Sleep(100);
        }
        Assert.Fail($"nothing listened on {address}:{port} within {timeoutMs} ms:\n{Output}");
    }

    /// <summary>Waits until the output contains <paramref name="text"/>, or fails the test.</summary>
    public void WaitForOutput(string text, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return;
            if (HasExited) Assert.Fail($"the server exited early with {_process.ExitCode}:\n{Output}");
            Thread.Sleep(100);
        }
        Assert.Fail($"'{text}' did not appear within {timeoutMs} ms:\n{Output}");
    }

    /// <summary>Waits a bounded time for a UDP server: polls until its socket shows in `ss`, via the given check.</summary>
    public void WaitUntil(Func<bool> ready, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (HasExited) Assert.Fail($"the server exited early with {_process.ExitCode}:\n{Output}");
            if (ready()) return;
            Thread.Sleep(100);
        }
        Assert.Fail($"{what} was not ready within {timeoutMs} ms:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
