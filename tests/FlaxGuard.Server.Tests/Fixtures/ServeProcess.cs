using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlaxGuard.Server.Tests.Fixtures;

/// <summary><c>flaxguard serve</c> as a real child process on a free loopback port.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static ServeProcess Start(string dataDir, string? db = null)
    {
        var port = FreePort();
        string[] args = ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir];
        if (db is not null) args = [.. args, "--db", db];
        var process = Process.Start(FlaxguardProcess.Info(args))!;
        var serve = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._output) serve._output.AppendLine(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._output) serve._output.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)) || process.HasExited)
        {
            serve.Kill();
            Assert.Fail("flaxguard serve did not start: " + serve.Output);
        }
        return serve;
    }

    /// <summary>SIGKILL: no shutdown handler, no flush, exactly like a power-cut of the process.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
