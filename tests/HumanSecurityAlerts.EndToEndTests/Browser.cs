using Microsoft.Playwright;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>Debian's headless Chromium under Playwright, as the browser tests run it.</summary>
internal static class Browser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium")
                ? "/usr/bin/chromium"
                : throw new InvalidOperationException("Chromium is required at /usr/bin/chromium for the browser tests (apt-get install chromium; .ci/run installs it)."),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A folder of the test output for screenshots (created).</summary>
    public static string ScreenshotFolder() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
}
