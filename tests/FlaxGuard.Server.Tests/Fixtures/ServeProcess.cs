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

    public string DataDirectory { get; private init; } = "";

    /// <summary>A client trusting only this serve's host CA (like an appliance); plain when serve runs with --plain-http.</summary>
    public HttpClient CreateClient(TimeSpan timeout) =>
        BaseAddress.Scheme == "https" ? PinnedHttp.Create(DataDirectory, BaseAddress, timeout) : new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };

    /// <summary>Starts serve with TLS (its host CA in <paramref name="dataDir"/>) unless <paramref name="extraArgs"/> says --plain-http.</summary>
    public static ServeProcess Start(string dataDir, string? db = null, params string[] extraArgs)
    {
        var port = FreePort.Tcp();
        string[] args = ["serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDir];
        if (db is not null) args = [.. args, "--db", db];
        args = [.. args, .. extraArgs];
        var process = Process.Start(FlaxguardProcess.Info(args))!;
        var scheme = extraArgs.Contains("--plain-http") ? "http" : "https";
        var serve = new ServeProcess(process, new Uri($"{scheme}://127.0.0.1:{port}/")) { DataDirectory = dataDir };
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
}
