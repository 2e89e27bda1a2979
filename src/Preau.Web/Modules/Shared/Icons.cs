using Microsoft.AspNetCore.Html;

namespace Preau.Web.Modules.Shared;

/// <summary>
/// Pictograms drawn inline as SVG: no emoji (old school PCs often lack the font) and no icon font from
/// a third party. Decorative: the label next to them is the accessible name.
/// </summary>
public static class Icons
{
    private static readonly Dictionary<string, string> Paths = new()
    {
        // A school building with its roof (the brand).
        ["school"] = "M12 3 2 9h2v11h6v-6h4v6h6V9h2L12 3z",
        // Two people (directory).
        ["people"] = "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm7.5 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3.3 3.1-6 7-6s7 2.7 7 6H2zm15.5 0c0-2-.8-3.8-2.1-5.1.7-.3 1.4-.4 2.1-.4 3 0 5 2.3 5 5.5h-5z",
        // A notebook with a pen stroke (cahier de liaison).
        ["liaison"] = "M5 3h11a2 2 0 0 1 2 2v6.2l-2 2V5H7v14h5.2l-.7 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm4 4h5v2H9V7zm0 4h5v2H9v-2zm12.3 1.3 1.4 1.4-7 7-2.4.7.7-2.4 7.3-6.7z",
        // An open book with a bookmark (cahier de textes).
        ["homework"] = "M3 5c2.5-1.3 5.5-1.3 8 .5v14c-2.5-1.8-5.5-1.8-8-.5V5zm10 .5c2.5-1.8 5.5-1.8 8-.5v14c-2.5-1.3-5.5-1.3-8 .5v-14zM16 4h3v6l-1.5-1-1.5 1V4z",
        // A bell (notifications).
        ["bell"] = "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z",
        // A folded newspaper (actualités).
        ["news"] = "M4 4h13v3h3v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4zm2 2v12h11V6H6zm2 2h7v3H8V8zm0 5h7v1.5H8V13zm0 3h5v1.5H8V16z",
        // An envelope (messagerie).
        ["mail"] = "M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.4V17h16V7.4l-8 5.3-8-5.3zM5.6 7l6.4 4.3L18.4 7H5.6z",
        // A calendar page (agenda).
        ["agenda"] = "M7 2h2v2h6V2h2v2h2a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2V2zM5 9v10h14V9H5zm2 2h4v4H7v-4z",
        // A screen with a tick (compétences numériques).
        ["skills"] = "M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6H4zm6.5 7.4-3.2-3.2 1.4-1.4 1.8 1.8 4.8-4.8 1.4 1.4-6.2 6.2z",
        // A picture frame with a mountain and the sun (albums photos).
        ["photo"] = "M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v9.6l4.3-4.3 3.2 3.2 4.5-5.5 4 4.9V6H4zm12.5 1a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z",
        // A pencil over a page (blog).
        ["blog"] = "M4 4h10v2H6v12h12v-6h2v8H4V4zm14.6-1.4 2.8 2.8-8.5 8.5-3.6.8.8-3.6 8.5-8.5zM8 9h4v2H8V9zm0 4h2v2H8v-2z",
        // A folder (documents spaces and folders).
        ["folder"] = "M3 5a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5zm2 4v9h14V9H5z",
        // A sheet with a folded corner (a document).
        ["document"] = "M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5L13 3.5zM8 12h8v1.5H8V12zm0 3.5h8V17H8v-1.5z",
        // Two speech bubbles (forum).
        ["forum"] = "M3 3h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H8l-4 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 2v6h1v1.5L7.3 11H14V5H4zm14 3h3a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-1v3l-4-3h-6a1 1 0 0 1-1-1v-2h2v1h5.7l1.3 1v-1h2V10h-1V8z",
        // A speech bubble with a question mark (quiz).
        ["quiz"] = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-7l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm8 2.5c-1.9 0-3.3 1.2-3.5 3h2c.1-.7.7-1.1 1.5-1.1.9 0 1.5.5 1.5 1.2 0 .6-.3.9-1.1 1.4-1 .6-1.4 1.3-1.4 2.5v.5h2V13c0-.6.2-.9 1-1.4 1-.6 1.6-1.4 1.6-2.5 0-1.9-1.5-3.6-3.6-3.6zM11 14.5v2h2v-2h-2z",
        // A gear (settings).
        ["settings"] = "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9c-.6.2-1.2.6-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5-2.2-1.6zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z",
    };

    // Every page draws a dozen of them (the header, the home page's tiles): each drawing is made once, not at each call.
    private static readonly Dictionary<string, HtmlString> Drawn = Paths.ToDictionary(p => p.Key, p => new HtmlString(
        $"<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><path fill=\"currentColor\" d=\"{p.Value}\"/></svg>"));

    public static IHtmlContent Svg(string key) => Drawn.TryGetValue(key, out var svg) ? svg : Drawn["school"];
}
