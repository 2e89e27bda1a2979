using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The cahier de liaison on the demo département: the CE1 teacher writes a note, Léo's mother signs it on a
/// phone in two taps from her home page, another family signs too, the teacher sees « 2 / N signés » and reminds
/// the others, who receive the e-mail.
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
        // decode() waits for the image to be loaded (a busy machine may still be fetching it).
        Assert.True(await photo.EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth === 48, () => false)"), "the photo loads, upright");
        await Axe.AssertAccessibleAsync(parent, "liaison note with an attachment (parent, phone)");

        // The teacher sees the signature counted.
        await teacher.GotoAsync(classPage);
        await Expect(teacher.Locator("article.liaison-note", new() { HasText = title })).ToContainTextAsync(new Regex("1 / \\d+ signés"));
        await teacher.Locator("article.liaison-note", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Voir les signatures" }).ClickAsync();
        await Expect(teacher.Locator("table")).ToContainTextAsync("Julie Moreau");
        await Axe.AssertAccessibleAsync(teacher, "liaison note detail (teacher)");
        var detailPage = teacher.Url;

        // A second family of the class signs on a phone.
        var classId = Guid.Parse(Regex.Match(classPage, "/classe/([0-9a-f-]+)/liaison").Groups[1].Value);
        var (secondLogin, unsignedEmails) = await OtherFamiliesAsync(classId);
        var second = await SignInAsync(secondLogin, new ViewportSize { Width = 360, Height = 740 });
        await second.Locator($"a.service[data-service=liaison][href*='{classId}']").First.ClickAsync();
        var secondNote = second.Locator("article.liaison-note", new() { HasText = title });
        await secondNote.GetByRole(AriaRole.Button, new() { Name = "Vu et signé" }).ClickAsync();
        await Expect(second.Locator("article.liaison-note", new() { HasText = title })).ToContainTextAsync("Vu et signé par vous");

        // Two signatures counted; the teacher reminds the families who have not signed, and they get the e-mail.
        await teacher.GotoAsync(classPage);
        await Expect(teacher.Locator("article.liaison-note", new() { HasText = title })).ToContainTextAsync(new Regex("2 / \\d+ signés"));
        await teacher.GotoAsync(detailPage);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Relancer les familles qui n'ont pas signé" }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "liaison note after the reminder (teacher)");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!app.Mails.Any(m => m.To.Mailboxes.Any(b => unsignedEmails.Contains(b.Address)) && (m.TextBody ?? m.HtmlBody ?? "").Contains("attend votre signature", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
        {
            // The outbox is dispatched every second: look again shortly (bounded wait for an e-mail, not a fixed sleep).
            await Task.Delay(200);
        }
        var reminder = app.Mails.FirstOrDefault(m => m.To.Mailboxes.Any(b => unsignedEmails.Contains(b.Address)) && (m.TextBody ?? m.HtmlBody ?? "").Contains("attend votre signature", StringComparison.Ordinal));
        Assert.NotNull(reminder);
        Assert.DoesNotContain("Prévoir un pique-nique", reminder.TextBody ?? reminder.HtmlBody ?? "");
    }

    /// <summary>
    /// A guardian (with a login) of a pupil of the class from another family than Léo's, and the e-mail addresses of
    /// the families that are neither (they have not signed the new note).
    /// </summary>
    private async Task<(string Login, HashSet<string> UnsignedEmails)> OtherFamiliesAsync(Guid classId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var pupils = await db.Memberships.AsNoTracking()
            .Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId).Select(m => m.PersonId).ToListAsync();
        var links = await (from l in db.GuardianLinks.AsNoTracking()
                           where pupils.Contains(l.PupilId)
                           join u in db.Users.AsNoTracking() on l.GuardianId equals u.Id
                           select new { l.PupilId, u.UserName, u.Email }).ToListAsync();
        var leo = links.Where(l => l.UserName == "julie.moreau").Select(l => l.PupilId).ToHashSet();
        var other = links.Where(l => !leo.Contains(l.PupilId) && l.Email != null).OrderBy(l => l.UserName).First();
        var unsigned = links.Where(l => !leo.Contains(l.PupilId) && l.PupilId != other.PupilId && l.Email != null)
            .Select(l => l.Email!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (other.UserName!, unsigned);
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
