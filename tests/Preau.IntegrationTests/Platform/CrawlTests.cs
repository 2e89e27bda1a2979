using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;

namespace Preau.IntegrationTests.Platform;

/// <summary>
/// Every page a person can reach by following links from their home page answers without a server error, and names
/// every control for screen readers. Pages no other test opened were found broken this way (the help editor).
/// </summary>
public sealed partial class CrawlTests(TestApp app)
{
    // Pages of one shape (ids replaced) are opened twice at most: enough to render each kind of page, not each note.
    private const int PerShape = 2;
    private const int MaxPages = 250;

    [DbFact]
    public async Task EveryLinkedPage_AnswersWithoutAServerError_AndLabelsItsControls_ForEachProfileOfASchool()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        var failures = new List<string>();
        var visited = 0;
        foreach (var (profile, account) in new[]
        {
            ("directeur", school.Director), ("enseignant", school.TeacherA), ("parent", school.GuardianA), ("élève", school.PupilA),
            ("agent", school.Agent), ("conseiller", school.Advisor), ("administrateur", admin),
        })
        {
            using var session = await app.SignedInAsync(account);
            visited += await CrawlAsync(session, profile, failures);
        }
        Assert.True(visited > 100, $"Only {visited} pages reached: the crawl no longer follows the menus.");
        Assert.Empty(failures);
    }

    private static async Task<int> CrawlAsync(UserSession session, string profile, List<string> failures)
    {
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = 0;
        while (queue.TryDequeue(out var url) && pages < MaxPages)
        {
            using var response = await session.GetAsync(url);
            pages++;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{profile} GET {url} → {(int)response.StatusCode}");
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var doc = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            failures.AddRange(Unlabelled(doc).Select(control => $"{profile} GET {url}: no label for {control}"));
            foreach (var href in doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (Local(url, href) is not { } next || !seen.Add(next))
                {
                    continue;
                }
                var shape = Ids().Replace(next.Split('?')[0], "{id}");
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= PerShape)
                {
                    queue.Enqueue(next);
                }
            }
        }
        return pages;
    }

    /// <summary>
    /// Form controls a screen reader could not name: neither a label (around it or pointing at it) nor an aria name; images
    /// without alt; buttons and links with no text or name. The browser tests run axe-core on the pages they visit; this
    /// covers every page the crawl reaches.
    /// </summary>
    private static IEnumerable<string> Unlabelled(AngleSharp.Html.Dom.IHtmlDocument doc)
    {
        static bool Named(AngleSharp.Dom.IElement e) =>
            !string.IsNullOrWhiteSpace(e.GetAttribute("aria-label")) || !string.IsNullOrWhiteSpace(e.GetAttribute("aria-labelledby"))
            || !string.IsNullOrWhiteSpace(e.GetAttribute("title"));
        var labelled = doc.QuerySelectorAll("label[for]").Select(l => l.GetAttribute("for")).ToHashSet(StringComparer.Ordinal);
        foreach (var control in doc.QuerySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"))
        {
            if (!Named(control) && control.Closest("label") is null && (control.Id is not { Length: > 0 } id || !labelled.Contains(id)))
            {
                yield return control.OuterHtml[..Math.Min(120, control.OuterHtml.Length)];
            }
        }
        foreach (var image in doc.QuerySelectorAll("img:not([alt])"))
        {
            yield return image.OuterHtml[..Math.Min(120, image.OuterHtml.Length)];
        }
        foreach (var action in doc.QuerySelectorAll("button, a[href]"))
        {
            if (string.IsNullOrWhiteSpace(action.TextContent) && !Named(action) && action.QuerySelector("img[alt]:not([alt=''])") is null)
            {
                yield return action.OuterHtml[..Math.Min(120, action.OuterHtml.Length)];
            }
        }
    }

    /// <summary>The link as a path of this site worth opening, or null (elsewhere, a file, a download, leaving).</summary>
    private static string? Local(string from, string href)
    {
        if (href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.Ordinal) || href.StartsWith("tel:", StringComparison.Ordinal))
        {
            return null;
        }
        var target = new Uri(new Uri("http://preau.test" + from), href);
        if (target.Host != "preau.test")
        {
            return null;
        }
        var path = target.AbsolutePath;
        return Skipped().IsMatch(path) ? null : path + target.Query;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();

    // Leaving, and files rather than pages (downloads, exports, pictures, calendars): other tests check them.
    [GeneratedRegex(@"^/deconnexion|/mes-donnees/|/telecharger|/export|\.(ics|csv|zip|pdf|jpg|png|svg|css|js)$|/fichiers/|/miniature|/original|/photo/")]
    private static partial Regex Skipped();
}
