using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Usage statistics on the demo département (six weeks of generated use, rolled up by the seeder): the administrator
/// opens the territory's dashboard, sees the charts drawn above their tables, and downloads the steering-committee PDF.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageStatsJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Administrator_opens_the_dashboard_and_downloads_the_steering_committee_pdf_with_the_charts_figures()
    {
        var page = await app.SignInOperatorAsync("helene.garnier");
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistiques d'usage" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/statistiques/territoire$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync("Statistiques d'usage");
        // A chart per marked table, drawn by chart.js from the table's figures.
        await Expect(page.Locator(".chart-box canvas")).ToHaveCountAsync(5);
        await Expect(page.Locator("#t-services tbody tr").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "usage statistics (territory)");

        var firstService = page.Locator("#t-services tbody tr").First;
        var label = (await firstService.Locator("th").InnerTextAsync()).Trim();
        var total = (await firstService.Locator("td").Last.InnerTextAsync()).Trim();
        var logins = await page.Locator("#t-connexions tbody td:last-child").AllInnerTextsAsync();
        var busiestHour = logins.Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).Max();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Rapport pour le comité de pilotage (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await download.PathAsync();
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(file));
        Assert.True(pdf.NumberOfPages >= 2);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("comitédepilotage", text, StringComparison.Ordinal);
        // The service bar chart and the login-per-hour chart carry the same figures as the page.
        Assert.Contains(label.Replace(" ", "", StringComparison.Ordinal) + total, text, StringComparison.Ordinal);
        Assert.Contains(busiestHour.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

        // The other scopes (every circonscription and collectivité of a département) narrow as one types a name.
        await page.Locator("#other-scopes summary").ClickAsync();
        var scopes = page.Locator("#other-scopes li");
        var all = await scopes.CountAsync();
        var wanted = page.Locator("#other-scopes ul[aria-labelledby='scopes-Authority'] a").Last;
        var name = (await wanted.InnerTextAsync()).Trim();
        await page.GetByLabel("Chercher un périmètre").FillAsync(name.ToUpperInvariant());
        await Expect(page.Locator("#other-scopes li:visible").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#other-scopes li:visible").CountAsync() < all);
        await Expect(page.Locator("#scope-filter-status")).ToContainTextAsync("correspond");
        await Axe.AssertAccessibleAsync(page, "usage statistics, scopes filtered");
        await page.GetByLabel("Chercher un périmètre").FillAsync("zzzz-aucun");
        await Expect(page.Locator("#other-scopes li:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("#scope-filter-status")).ToHaveTextAsync("Aucun périmètre ne correspond.");
        await page.GetByLabel("Chercher un périmètre").FillAsync("");
        await Expect(page.Locator("#other-scopes li:visible")).ToHaveCountAsync(all);

        // The school's own dashboard, from the most active schools.
        await page.Locator("#t-lieux tbody a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/statistiques/ecole/"));
        await Expect(page.Locator(".chart-box canvas").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "usage statistics (school)");
    }
}
