using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The header's unread counter on the demo département: Léo's mother has a page open; the CE1 teacher writes a note
/// in another browser; her counter goes up without reloading (SignalR, pushed by the outbox dispatcher).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsLiveTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Parent_counter_updates_live_when_the_teacher_sends_a_note_then_the_feed_marks_it_read()
    {
        var title = "Piscine " + Guid.NewGuid().ToString("N")[..6];
        var parent = await SignInAsync("julie.moreau");
        var badge = parent.Locator("#notif-link .notif-badge");
        var before = int.Parse(await badge.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        // The page is connected to the hub before the note is written (otherwise the reload would be what shows it).
        await Expect(parent.Locator("#notif-link[data-live=on]")).ToHaveCountAsync(1);
        await Axe.AssertAccessibleAsync(parent, "home with the notification counter (parent)");

        var teacher = await SignInAsync("thomas.mercier");
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=liaison]").ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Écrire un mot aux familles" }).ClickAsync();
        await teacher.GetByLabel("Titre").FillAsync(title);
        await teacher.GetByLabel("Texte du mot").FillAsync("Apporter un maillot de bain.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Envoyer le mot" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/liaison$"));

        var after = before + 1;
        var expected = after == 1 ? "1 notification non lue" : $"{after} notifications non lues";
        await Expect(parent.Locator("#notif-count")).ToHaveTextAsync(expected, new() { Timeout = 20_000 });
        await Expect(badge).ToHaveTextAsync(after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(parent.Locator("#notif-live")).ToHaveTextAsync(expected);
        await Axe.AssertAccessibleAsync(parent, "home after the live update (parent)");

        // The feed: the note is first and unread; following it opens the note and marks it read.
        await parent.Locator("#notif-link").ClickAsync();
        await Expect(parent).ToHaveURLAsync(new Regex("/notifications$"));
        var first = parent.Locator("li.notif-item").First;
        await Expect(first).ToContainTextAsync(title);
        await Expect(first).ToHaveClassAsync(new Regex("unread"));
        await Axe.AssertAccessibleAsync(parent, "notifications feed (parent)");
        await first.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(parent.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await parent.GotoAsync("/notifications");
        await Expect(parent.Locator("li.notif-item").First).ToHaveClassAsync(new Regex("\\bread\\b"));
        if (await parent.GetByRole(AriaRole.Button, new() { Name = "Tout marquer comme lu" }).CountAsync() > 0)
        {
            await parent.GetByRole(AriaRole.Button, new() { Name = "Tout marquer comme lu" }).ClickAsync();
        }
        await Expect(parent.Locator("#notif-count")).ToHaveTextAsync("Aucune notification non lue");

        await parent.GotoAsync("/compte/notifications");
        await Axe.AssertAccessibleAsync(parent, "e-mail preferences (parent)");
    }

    /// <summary>Signs in; another test may already have accepted this demo profile's charter, so accept it only if shown.</summary>
    private async Task<IPage> SignInAsync(string login)
    {
        var page = await app.NewPageAsync();
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
