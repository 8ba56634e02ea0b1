using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Server.Store;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// Evidence is never lost, with the real <c>flaxguard serve</c> and <c>flaxguard agent run</c> as child processes and
/// a real OpenWrt twin: a host outage longer than the old time window (the agent's clock set back with libfaketime, so
/// its queued reports are eleven minutes old when they arrive), a duplicate upload, a state folder restored from a
/// backup (the agent reuses counters the host already holds) and a state folder lost for good. Every report the
/// agent sealed is stored exactly once.
/// </summary>
[TestClass]
public sealed class ReportDeliveryTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Outage_Duplicate_RestoredBackup_AndStateReset_EveryReportStoredOnce_NoneLost()
    {
        Assert.IsNotNull(Which("faketime"), "faketime is not installed: apt-get install faketime (tests/run-all.sh does this)");
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("delivery");
        var data = dir.File("host");
        var state = dir.File("state");
        var port = FreePort.Tcp();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var twin = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.82.{RandomNumberGenerator.GetInt32(1, 250)}.9"), 0, "root", password, ct);
        var provisioning = dir.File("agent.json");
        Assert.AreEqual(0, FlaxguardProcess.Run(null, "agent", "add", "delivery-agent", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data).ExitCode);
        Assert.AreEqual(0, FlaxguardProcess.Run(password + "\n", "device", "add", "router", "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt",
            "--ports", "2323", "--user", "root", "--password-stdin", "--data-dir", data).ExitCode);
        string[] Once() => ["agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once"];
        var sealedByAgent = 0;

        // 1. Host up: one report stored; keep a copy of the state folder as a backup.
        using (Serve(data, port))
        {
            var first = FlaxguardProcess.Run(null, Once());
            Assert.AreEqual(0, first.ExitCode, first.All);
            sealedByAgent++;
        }
        var backup = dir.File("state-backup");
        RepositoryFiles.CopyDirectory(state, backup);
        var copyOfFirst = dir.File("first-report");

        // 2. Host away for "eleven minutes": two rounds sealed with the agent's clock set back, queued on disk.
        var awayOutput = new System.Text.StringBuilder();
        for (int i = 0; i < 2; i++)
        {
            var away = RunWithClock("-11m", Once());
            Assert.AreEqual(1, away.ExitCode, away.All);
            awayOutput.Append("--- round ").Append(i + 1).Append(" while the host is away:\n").Append(away.All);
            sealedByAgent++;
        }
        Assert.HasCount(2, Directory.GetFiles(state, "rq-*"), "queued report files after two rounds without the host; the rounds said:\n" + awayOutput
            + "\nstate folder: " + string.Join(", ", Directory.GetFiles(state).Select(Path.GetFileName)));
        File.Copy(Directory.GetFiles(state, "rq-*").Order(StringComparer.Ordinal).First(), copyOfFirst);

        using (Serve(data, port))
        {
            // 3. Host back: the old reports are stored (they used to be refused as stale and then deleted), plus this round's.
            var back = FlaxguardProcess.Run(null, Once());
            Assert.AreEqual(0, back.ExitCode, back.All);
            StringAssert.Contains(back.Stdout, "upload: 3 stored, 0 already stored, 0 refused, 0 queued");
            sealedByAgent++;

            // 4. The same report uploaded again (an answer lost on the way): 409, it leaves the queue, stored once.
            File.Copy(copyOfFirst, Path.Combine(state, "rq-0000009000000001"));
            var again = FlaxguardProcess.Run(null, Once());
            Assert.AreEqual(0, again.ExitCode, again.All);
            StringAssert.Contains(again.Stdout, "1 already stored");
            sealedByAgent++;
        }

        // 5. The state folder restored from the backup, host away: its counter is behind the host's, and the next
        // round reuses a counter the host holds for another report.
        Directory.Delete(state, recursive: true);
        RepositoryFiles.CopyDirectory(backup, state);
        var restored = FlaxguardProcess.Run(null, Once());
        Assert.AreEqual(1, restored.ExitCode, restored.All);
        sealedByAgent++;

        using (Serve(data, port))
        {
            // 6. Host back: the job names the host's high-water mark, this round seals above it, and the queued report
            // whose counter is taken is sealed again above it instead of being deleted as "already stored".
            var resync = FlaxguardProcess.Run(null, Once());
            Assert.AreEqual(0, resync.ExitCode, resync.All);
            StringAssert.Contains(resync.Stdout, "sealed again under a new counter");
            StringAssert.Contains(resync.Stdout, "0 refused, 0 queued");
            sealedByAgent++;
        }

        // 7. State lost for good (a new state folder, as after masserase): the job's high-water mark keeps the new
        // counters clear of the host's, so nothing even conflicts.
        Directory.Delete(state, recursive: true);
        using (Serve(data, port))
        {
            var fresh = FlaxguardProcess.Run(null, Once());
            Assert.AreEqual(0, fresh.ExitCode, fresh.All);
            StringAssert.Contains(fresh.Stdout, "upload: 1 stored, 0 already stored, 0 refused, 0 queued");
            Assert.IsFalse(fresh.Stdout.Contains("sealed again", StringComparison.Ordinal), fresh.Stdout);
            sealedByAgent++;
        }

        await using var store = new SqliteFlaxStore(Path.Combine(data, "flaxguard.db"));
        var counters = await store.ReportCountersAsync((await store.FindApplianceAsync("delivery-agent", ct))!.Id, ct);
        TestContext.WriteLine($"delivery: {sealedByAgent} reports sealed by the agent, {counters.Count} stored, {sealedByAgent - counters.Count} lost (counters {string.Join(",", counters)})");
        Assert.HasCount(sealedByAgent, counters, "reports sealed by the agent vs stored: " + string.Join(",", counters));
        Assert.AreEqual(counters.Count, counters.Distinct().Count());
        Assert.IsEmpty(Directory.GetFiles(state, "rq-*"), "nothing left behind");
    }

    private static ChildProcess Serve(string data, int port) =>
        ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data);

    /// <summary>flaxguard with its wall clock shifted by libfaketime (monotonic time left alone, so timeouts stay real).</summary>
    private static FlaxguardProcess.Result RunWithClock(string offset, string[] args)
    {
        var info = FlaxguardProcess.Info(args);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, offset);
        info.ArgumentList.Insert(0, "-f");
        info.FileName = "faketime";
        info.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("flaxguard under faketime did not finish within 90 s");
        }
        return new FlaxguardProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
