using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Preau.Web.Modules.Blogs;

/// <summary>
/// Cleans the rich text of articles and pages before it is stored. What survives is a small safe set: paragraphs,
/// line breaks, bold, italics, lists, two heading levels, quotations, links to web addresses (http, https or the
/// platform's own relative paths) and images of this blog's files. Scripts, event attributes, styles,
/// <c>javascript:</c> links and images from elsewhere are removed. Text typed without any markup becomes paragraphs.
/// </summary>
public static partial class BlogHtml
{
    private static readonly HashSet<string> Tags = ["p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h2", "h3", "a", "img", "blockquote"];

    /// <param name="input">What the author typed: HTML, or plain text.</param>
    /// <param name="allowedFiles">Ids of the files an image may show (those of the blog's articles).</param>
    public static string Sanitize(string input, IReadOnlySet<Guid> allowedFiles)
    {
        var html = LooksLikeHtml(input) ? input : FromPlainText(input);
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = Tags,
            AllowedAttributes = new HashSet<string> { "href", "src", "alt" },
            AllowedSchemes = new HashSet<string> { "http", "https" },
            UriAttributes = new HashSet<string> { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
        });
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName == "img")
            {
                // Only this blog's own files: no tracking pixel, no picture of a child hosted elsewhere.
                var m = FileUrl().Match(e.OriginalUrl ?? "");
                e.SanitizedUrl = m.Success && Guid.TryParse(m.Groups[1].Value, out var id) && allowedFiles.Contains(id)
                    ? $"/fichiers/{id}" : null;
            }
            else if (e.SanitizedUrl is { } url && url.StartsWith("//", StringComparison.Ordinal))
            {
                // A protocol-relative address leaves the platform without saying so.
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } a)
            {
                a.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        var clean = sanitizer.Sanitize(html);
        // Images whose address was refused are left without one: drop them rather than show a broken image.
        return ImgWithoutSrc().Replace(clean, "").Trim();
    }

    /// <summary>The text of a body, on one line, cut at a word (lists, feeds, meta descriptions).</summary>
    public static string Excerpt(string html, int length = 200)
    {
        var text = Spaces().Replace(WebUtility.HtmlDecode(Markup().Replace(html, " ")), " ").Trim();
        if (text.Length <= length)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', length);
        return string.Concat(text.AsSpan(0, cut > length / 2 ? cut : length), "…");
    }

    /// <summary>The ids of the files a clean body shows.</summary>
    public static IReadOnlyList<Guid> ImageIds(string html) =>
        [.. ImgSrc().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct()];

    /// <summary>For pages served on a blog's public address: its images go through the blog's own file route.</summary>
    public static string ForBlogAddress(string html, string slug) =>
        html.Replace("src=\"/fichiers/", $"src=\"/blogs/{slug}/fichiers/", StringComparison.Ordinal);

    private static bool LooksLikeHtml(string input) => HtmlTag().IsMatch(input);

    private static string FromPlainText(string input)
    {
        var paragraphs = ParagraphBreak().Split(input.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        return string.Concat(paragraphs.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => "<p>" + string.Join("<br>", p.Trim().Split('\n').Select(WebUtility.HtmlEncode)) + "</p>"));
    }

    [GeneratedRegex(@"^/fichiers/([0-9a-fA-F-]{36})$")]
    private static partial Regex FileUrl();

    [GeneratedRegex(@"<img(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ImgWithoutSrc();

    [GeneratedRegex(@"<img[^>]*\ssrc=""/fichiers/([0-9a-fA-F-]{36})""", RegexOptions.IgnoreCase)]
    private static partial Regex ImgSrc();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>Addresses made from titles: "Sortie au musée !" → "sortie-au-musee".</summary>
public static partial class BlogSlug
{
    /// <summary>Words the blog's own pages use after /blogs/{slug}/: an article never takes them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string> { "ecrire", "a-valider", "reglages", "rss.xml", "atom.xml", "pages", "fichiers", "articles", "categorie" };

    public static string From(string text, int max = 80)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray();
        var slug = NonAlnum().Replace(new string(chars).ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > max)
        {
            slug = slug[..max].TrimEnd('-');
        }
        return slug.Length == 0 ? "article" : slug;
    }

    /// <summary>The first of slug, slug-2, slug-3… not taken and not reserved.</summary>
    public static string Unique(string slug, IReadOnlySet<string> taken)
    {
        var candidate = slug;
        for (var i = 2; taken.Contains(candidate) || Reserved.Contains(candidate); i++)
        {
            candidate = $"{slug}-{i}";
        }
        return candidate;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlnum();
}
