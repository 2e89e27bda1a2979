using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The inter-school reading project's forum on the demo département: Thomas Mercier (Jean-Jaurès, Vesoul) opens a
/// topic, Lucie Vasseur (École primaire du Centre, Saint-Loup) replies quoting him, and Thomas sees the unread marker,
/// then the reply with the quotation. axe-core checks every page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForumJourneyTests(BrowserApp app)
{
    private const string Group = "Projet inter-écoles « Lire et faire lire »";

    [BrowserFact]
    public async Task Two_teachers_of_different_schools_discuss_in_the_group_forum_with_a_quote_and_an_unread_marker()
    {
        var title = "Choix des albums " + Guid.NewGuid().ToString("N")[..6];

        var thomas = await SignInAsync("thomas.mercier");
        await OpenGroupForumAsync(thomas);
        await Axe.AssertAccessibleAsync(thomas, "group forum (owner)");
        await thomas.GetByLabel("Titre du sujet").FillAsync(title);
        await thomas.GetByLabel("Message").FillAsync("Je propose « Le loup qui voulait changer de couleur » pour la première rencontre.");
        await thomas.GetByRole(AriaRole.Button, new() { Name = "Publier le sujet" }).ClickAsync();
        await Expect(thomas.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(thomas.Locator(".notice.success")).ToContainTextAsync("Votre sujet est publié.");
        await Axe.AssertAccessibleAsync(thomas, "new topic (owner)");
        var topicUrl = thomas.Url;

        // Lucie teaches in Saint-Loup: the topic is new to her; she quotes Thomas in her reply.
        var lucie = await SignInAsync("lucie.vasseur");
        await OpenGroupForumAsync(lucie);
        var row = lucie.Locator("tr", new() { Has = lucie.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(row).ToHaveClassAsync(new Regex("forum-unread"));
        await Expect(row).ToContainTextAsync("Nouveau");
        await Axe.AssertAccessibleAsync(lucie, "group forum with an unread topic (member of another school)");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(lucie).ToHaveURLAsync(topicUrl);
        await lucie.GetByRole(AriaRole.Link, new() { Name = "Citer — Thomas Mercier" }).ClickAsync();
        await Expect(lucie.Locator("#reply-form blockquote")).ToContainTextAsync("Le loup qui voulait changer de couleur");
        await Axe.AssertAccessibleAsync(lucie, "reply form with a quotation");
        await lucie.GetByLabel("Votre réponse").FillAsync("Bonne idée, mes CP-CE1 l'ont adoré !");
        await lucie.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }).ClickAsync();
        await Expect(lucie.Locator(".notice.success")).ToContainTextAsync("Votre réponse est publiée.");
        var reply = lucie.Locator(".forum-post").Last;
        await Expect(reply).ToContainTextAsync("Bonne idée, mes CP-CE1 l'ont adoré !");
        await Expect(reply.Locator("blockquote")).ToContainTextAsync("Thomas Mercier a écrit :");
        await Axe.AssertAccessibleAsync(lucie, "topic after the reply");

        // Thomas: the topic is marked new for him, then he reads the reply and the marker goes.
        await OpenGroupForumAsync(thomas);
        var mine = thomas.Locator("tr", new() { Has = thomas.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(mine).ToHaveClassAsync(new Regex("forum-unread"));
        await Expect(mine.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Axe.AssertAccessibleAsync(thomas, "group forum with a new reply (owner)");
        await mine.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var seen = thomas.Locator(".forum-post").Last;
        await Expect(seen).ToContainTextAsync("Lucie Vasseur");
        await Expect(seen).ToContainTextAsync("Bonne idée, mes CP-CE1 l'ont adoré !");
        await Expect(seen.Locator("blockquote")).ToContainTextAsync("Le loup qui voulait changer de couleur");
        await Axe.AssertAccessibleAsync(thomas, "topic with the quoted reply (owner, moderator)");
        await thomas.GoBackAsync();
        await thomas.ReloadAsync();
        await Expect(thomas.Locator("tr", new() { Has = thomas.GetByRole(AriaRole.Link, new() { Name = title }) })).Not.ToHaveClassAsync(new Regex("forum-unread"));
    }

    private static async Task OpenGroupForumAsync(IPage page)
    {
        await page.GotoAsync("/");
        var group = page.Locator(".space").Filter(new() { Has = page.Locator("h2", new() { HasText = Group }) });
        await group.Locator("a.service[data-service=forum]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groupe/[0-9a-f-]+/forum$"));
    }

    private async Task<IPage> SignInAsync(string login)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "fr-FR" });
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
