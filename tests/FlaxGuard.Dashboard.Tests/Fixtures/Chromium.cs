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
        // The driver (node) inherits this: its request client then trusts the test host CA, and only that one in addition.
        Environment.SetEnvironmentVariable("NODE_EXTRA_CA_CERTS", DashboardTls.CaPath);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            // Trust exactly the test server's key (the site serves HTTPS like 'flaxguard serve'); any other certificate still fails.
            Args = ["--no-sandbox", "--ignore-certificate-errors-spki-list=" + DashboardTls.ServerSpkiHash],
            Timeout = 60_000,
        });
        return (playwright, browser);
    }
}
