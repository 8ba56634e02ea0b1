using Microsoft.Playwright;

namespace FlaxGuard.Dashboard.Tests.Fixtures;

/// <summary>Debian's chromium driven by Playwright's bundled driver (no browser download: the package's own node runs the driver).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"{ExecutablePath} is missing: install Debian's chromium package (apt-get install chromium; tests/run-all.sh does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"], Timeout = 60_000 });
        return (playwright, browser);
    }
}
