using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Preau.Web.Modules.News;

/// <summary>
/// Renders a news body written as plain text. Everything is HTML-encoded; blank lines make paragraphs, line
/// breaks are kept, and only http(s) addresses become links: there is no markup a writer could smuggle in,
/// so nothing needs sanitising.
/// </summary>
public static partial class NewsText
{
    // Accented letters stay as they are; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IHtmlContent ToHtml(string body)
    {
        var html = new StringBuilder();
        var paragraphs = ParagraphBreak().Split(body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        foreach (var paragraph in paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            html.Append("<p>");
            var lines = paragraph.Trim().Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }
                AppendLinked(html, lines[i]);
            }
            html.Append("</p>");
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>The beginning of the body on one line, cut at a word, for the home page.</summary>
    public static string Excerpt(string body, int length = 180)
    {
        var flat = Spaces().Replace(body, " ").Trim();
        if (flat.Length <= length)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', length);
        return string.Concat(flat.AsSpan(0, cut > length / 2 ? cut : length), "…");
    }

    private static void AppendLinked(StringBuilder html, string line)
    {
        var last = 0;
        foreach (Match m in Url().Matches(line))
        {
            // Punctuation that ends a sentence is not part of the address.
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '»');
            html.Append(Encoder.Encode(line[last..m.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encoder.Encode(uri.AbsoluteUri)}\" rel=\"noopener noreferrer nofollow\">{Encoder.Encode(url)}</a>");
            }
            else
            {
                html.Append(Encoder.Encode(url));
            }
            last = m.Index + url.Length;
        }
        html.Append(Encoder.Encode(line[last..]));
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>Dates of news are stored in UTC and read and typed in the schools' time zone.</summary>
public static class NewsTime
{
    /// <summary>"3 mars 2026".</summary>
    public static string Day(DateTime utc) => Platform.Time.ParisDate.ToParis(utc).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"3 mars 2026 à 18:05".</summary>
    public static string At(DateTime utc) => Platform.Time.ParisDate.ToParis(utc).ToString("d MMMM yyyy 'à' HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The value of a datetime-local field.</summary>
    public static string Input(DateTime? utc) => utc is { } u ? Platform.Time.ParisDate.ToParis(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";
}
