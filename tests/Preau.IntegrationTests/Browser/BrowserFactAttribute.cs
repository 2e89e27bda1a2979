using System.Runtime.CompilerServices;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// A test that drives Debian's Chromium. Skipped when /usr/bin/chromium is missing, unless
/// PREAU_REQUIRE_BROWSER=1 (CI), in which case it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("PREAU_REQUIRE_BROWSER") == "1";

    public static bool BrowserAvailable => File.Exists(ChromiumPath);

    public BrowserFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!BrowserAvailable && !Required)
        {
            Skip = $"{ChromiumPath} not found (apt-get install chromium); set PREAU_REQUIRE_BROWSER=1 to fail instead.";
        }
    }
}
