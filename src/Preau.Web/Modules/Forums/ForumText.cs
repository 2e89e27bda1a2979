using System.Net;
using Microsoft.AspNetCore.Html;
using Preau.Web.Modules.Blogs;

namespace Preau.Web.Modules.Forums;

/// <summary>How a post's body is cleaned when written and shown when read.</summary>
public static class ForumText
{
    public const int MaxLength = 10_000;

    /// <summary>
    /// What is stored for what was typed: an adult's text goes through the blogs' sanitizer (simple formatting and
    /// links survive, images and scripts do not); a pupil's stays plain text, encoded at display, so that no markup a
    /// child pastes ever reaches another child's screen. Empty when nothing readable is left.
    /// </summary>
    public static (string Body, bool IsHtml) Clean(string input, bool pupil)
    {
        var text = input.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return pupil ? (text, false) : (BlogHtml.Sanitize(text, new HashSet<Guid>()), true);
    }

    public static IHtmlContent Render(string body, bool isHtml) =>
        new HtmlString(isHtml ? body : FromPlainText(body));

    /// <summary>The text of a post on one line, cut at a word (quotations, the moderation queue).</summary>
    public static string Excerpt(string body, bool isHtml, int length = 300) =>
        BlogHtml.Excerpt(isHtml ? body : WebUtility.HtmlEncode(body), length);

    private static string FromPlainText(string text) =>
        string.Concat(text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + string.Join("<br>", p.Split('\n').Select(WebUtility.HtmlEncode)) + "</p>"));
}
