namespace Preau.Web.Modules.Accounts;

/// <summary>
/// A browser's description a parent recognises (« Firefox sur Android ») from its User-Agent header, for the alert of a
/// sign-in from a new device; the raw header means nothing to most people.
/// </summary>
internal static class DeviceName
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS", "Firefox"),
        ("CriOS", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("CrOS", "ChromeOS"),
        ("Macintosh", "Mac"), ("Linux", "Linux"),
    ];

    public static string Of(string? userAgent)
    {
        var agent = userAgent ?? "";
        var browser = Browsers.FirstOrDefault(b => agent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => agent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "appareil non identifié",
            (null, _) => system,
            (_, null) => browser,
            _ => $"{browser} sur {system}",
        };
    }
}
