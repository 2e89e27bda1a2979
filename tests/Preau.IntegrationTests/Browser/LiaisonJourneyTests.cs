using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The cahier de liaison on the demo département: the CE1 teacher writes a note, Léo's mother signs it on a
/// phone in two taps from her home page, the teacher sees the count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiaisonJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_writes_a_note_parent_signs_it_on_a_phone_in_two_taps()
    {
        var title = "Sortie au musée " + Guid.NewGuid().ToString("N")[..6];

        // The teacher writes to the whole CE1 class.
        var teacher = await SignInAsync("thomas.mercier", null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=liaison]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/liaison$"));
        var classPage = teacher.Url;
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Écrire un mot aux familles" }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "new liaison note");
        await teacher.GetByLabel("Titre").FillAsync(title);
        await teacher.GetByLabel("Texte du mot").FillAsync("Prévoir un pique-nique jeudi.");
        await teacher.GetByLabel("Pièces jointes").SetInputFilesAsync(new FilePayload
        {
            Name = "musee.jpg", MimeType = "image/jpeg", Buffer = Files.NoteAttachmentTests.JpegWithExif(64, 48),
        });
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Envoyer le mot" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(classPage);
        await Expect(teacher.Locator("#main, main").First).ToContainTextAsync(new Regex("0 / \\d+ signés"));
        await Axe.AssertAccessibleAsync(teacher, "class liaison book (teacher)");

        // Léo's mother, on a phone: home › « Cahier de liaison — 1 mot à signer » › « Vu et signé ».
        var parent = await SignInAsync("julie.moreau", new ViewportSize { Width = 390, Height = 844 });
        await Axe.AssertAccessibleAsync(parent, "home (parent, phone)");
        // Other browser tests share the demo class and may have left notes unsigned: « 1 mot » or « N mots ».
        var link = parent.Locator("a.service[data-service=liaison]", new() { HasTextRegex = new Regex("mots? à signer") });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();                                                                    // tap 1
        await Expect(parent.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(parent, "class liaison book (parent, phone)");
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        var note = parent.Locator("article.liaison-note", new() { HasText = title });
        await note.GetByRole(AriaRole.Button, new() { Name = "Vu et signé" }).ClickAsync();      // tap 2
        await Expect(parent.Locator("article.liaison-note", new() { HasText = title })).ToContainTextAsync("Vu et signé par vous");
        await Axe.AssertAccessibleAsync(parent, "class liaison book after signing (parent, phone)");

        // The attached photo is on the note's page, served to her through the files service.
        await parent.Locator("article.liaison-note", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Détail et réponse à l'enseignant" }).ClickAsync();
        var photo = parent.Locator(".note-attachments img[alt='musee.jpg']");
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 48"), "the photo loads, upright");
        await Axe.AssertAccessibleAsync(parent, "liaison note with an attachment (parent, phone)");

        // The teacher sees the signature counted.
        await teacher.GotoAsync(classPage);
        await Expect(teacher.Locator("article.liaison-note", new() { HasText = title })).ToContainTextAsync(new Regex("1 / \\d+ signés"));
        await teacher.Locator("article.liaison-note", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Voir les signatures" }).ClickAsync();
        await Expect(teacher.Locator("table")).ToContainTextAsync("Julie Moreau");
        await Axe.AssertAccessibleAsync(teacher, "liaison note detail (teacher)");
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
