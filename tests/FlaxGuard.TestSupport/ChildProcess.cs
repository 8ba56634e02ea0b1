using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FlaxGuard.TestSupport;

/// <summary>A long-running <c>flaxguard</c> child (serve, agent run) whose output is collected for assertions.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts flaxguard with <paramref name="args"/> and waits until a line contains <paramref name="readyText"/>.</summary>
    public static ChildProcess Start(string readyText, TimeSpan readyWithin, params string[] args)
    {
        var process = Process.Start(FlaxguardProcess.Info(args))!;
        var child = new ChildProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null) return;
            lock (child._output) child._output.AppendLine(line);
            if (line.Contains(readyText, StringComparison.Ordinal)) ready.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(readyWithin) || process.HasExited)
        {
            child.Kill();
            Assert.Fail($"flaxguard {args[0]} did not become ready within {readyWithin.TotalSeconds:0} s: {child.Output}");
        }
        return child;
    }

    /// <summary>SIGTERM as systemd sends it; true when the process ended within the time.</summary>
    public bool Terminate(TimeSpan within) => Signal(15, within);

    /// <summary>SIGINT, as Ctrl+C in a terminal; true when the process ended within the time.</summary>
    public bool Interrupt(TimeSpan within) => Signal(2, within);

    private bool Signal(int signal, TimeSpan within)
    {
        if (_process.HasExited) return true;
        if (kill(_process.Id, signal) != 0) return false;
        if (!_process.WaitForExit(within)) return false;
        _process.WaitForExit(); // drains the redirected output
        return true;
    }

    /// <summary>SIGKILL: no shutdown handler runs, like a power cut of the process.</summary>
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

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
