using FlaxGuard.Server.Api;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Tests.Api;

[TestClass]
public sealed class ClientLogLimiterTests
{
    private sealed class Lines : ILogger
    {
        public List<string> All { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            All.Add(formatter(state, exception));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [TestMethod]
    public void AFloodFromOneClient_GivesAtMostNLines_ThenOneSummary_AndOtherClientsStillLog()
    {
        var lines = new Lines();
        var clock = new ManualClock();
        var limiter = new ClientLogLimiter(lines, clock, linesPerWindow: 5);
        for (var i = 0; i < 1000; i++) limiter.Log("192.0.2.7", LogLevel.Warning, $"refused {i}");
        limiter.Log("192.0.2.8", LogLevel.Warning, "refused other");
        Assert.HasCount(6, lines.All, string.Join("\n", lines.All));
        StringAssert.Contains(lines.All[5], "192.0.2.8");

        limiter.Sweep();
        Assert.HasCount(6, lines.All, "the window has not ended yet");
        clock.Now += TimeSpan.FromSeconds(61);
        limiter.Sweep();
        Assert.HasCount(7, lines.All);
        StringAssert.Contains(lines.All[6], "192.0.2.7: 995 more lines like the above suppressed");

        limiter.Log("192.0.2.7", LogLevel.Warning, "refused again");
        Assert.HasCount(8, lines.All, "a new minute, new lines");
    }

    [TestMethod]
    public void Flush_WritesPendingSummaries_AtShutdown()
    {
        var lines = new Lines();
        var limiter = new ClientLogLimiter(lines, new ManualClock(), linesPerWindow: 1);
        limiter.Log("::1", LogLevel.Warning, "a");
        limiter.Log("::1", LogLevel.Warning, "b");
        limiter.Flush();
        CollectionAssert.AreEqual(new[] { "::1: a", "::1: 1 more lines like the above suppressed (at most 1 per client per 60 s)" }, lines.All);
    }
}
