using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Actualités and the directory on the demo département: the director of Jean-Jaurès publishes a news item,
/// Léo's mother reads it on her home page on a phone, and finds his teacher in the directory.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewsJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Director_publishes_school_news_parent_reads_it_on_a_phone_and_finds_the_teacher_in_the_directory()
    {
        var title = "Carnaval de l'école " + Guid.NewGuid().ToString("N")[..6];

        var director = await SignInAsync("anne.dubois", null);
        await director.GetByRole(AriaRole.Link, new() { Name = "Mes actualités" }).ClickAsync();
        await Expect(director).ToHaveURLAsync(new Regex("/actualites/gerer$"));
        await Axe.AssertAccessibleAsync(director, "my news (director)");
        await director.GetByRole(AriaRole.Link, new() { Name = "Publier une actualité" }).ClickAsync();
        await Axe.AssertAccessibleAsync(director, "new news item");
        await director.GetByLabel("Publier pour").SelectOptionAsync(new SelectOptionValue { Label = "École élémentaire Jean-Jaurès" });
        await director.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await director.GetByLabel("Texte", new() { Exact = true }).FillAsync("Défilé déguisé vendredi après-midi.\n\nProgramme : https://example.org/carnaval");
        await director.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Expect(director).ToHaveURLAsync(new Regex("/actualites/gerer$"));
        await Expect(director.Locator("table.news-manage")).ToContainTextAsync(title);
        await Axe.AssertAccessibleAsync(director, "my news after publishing (director)");

        // Léo's mother, on a phone: the news is on her home page, and opens.
        var parent = await SignInAsync("julie.moreau", new ViewportSize { Width = 390, Height = 844 });
        var news = parent.Locator(".home-news");
        await Expect(news).ToContainTextAsync(title);
        await Axe.AssertAccessibleAsync(parent, "home with news (parent, phone)");
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        await news.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(parent.Locator("article.news-item")).ToContainTextAsync("Défilé déguisé");
        await Expect(parent.Locator("article.news-item a[href='https://example.org/carnaval']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(parent, "news item (parent, phone)");
        await parent.GotoAsync("/actualites");
        await Axe.AssertAccessibleAsync(parent, "all news (parent, phone)");

        // The directory: Léo's teacher, with a link to write to him; nobody's contact details.
        await parent.GotoAsync("/annuaire");
        await Axe.AssertAccessibleAsync(parent, "directory (parent, phone)");
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        await parent.GetByLabel("Nom", new() { Exact = true }).FillAsync("Mercier");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var entry = parent.Locator(".directory-entry", new() { HasText = "Thomas Mercier" });
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry.GetByRole(AriaRole.Link, new() { Name = "Écrire — Thomas Mercier" })).ToHaveAttributeAsync("href", new Regex("^/messagerie/nouveau\\?to=[0-9a-f-]+$"));
        Assert.DoesNotContain("@example.org", await parent.ContentAsync());

        await director.GotoAsync("/annuaire");
        await Axe.AssertAccessibleAsync(director, "directory (director)");
    }

    /// <summary>Signs in; another test may already have accepted this demo profile's charter, so accept it only if shown.</summary>
    private async Task<IPage> SignInAsync(string login, ViewportSize? viewport)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "fr-FR",
            ViewportSize = viewport,
            IsMobile = viewport is not null,
            HasTouch = viewport is not null,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var home = "^" + Regex.Escape(app.BaseAddress.ToString()) + "$";
        await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/charte$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex(home));
        return page;
    }
}
