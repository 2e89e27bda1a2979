using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The messagerie on the demo département: Léo (CE1) writes to his teacher on a phone and cannot even find his
/// sister of CM1 in the picker; a parent reports a message and the teacher of her child hides it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessagingJourneyTests(BrowserApp app)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [BrowserFact]
    public async Task Pupil_on_a_phone_writes_to_his_teacher_and_cannot_pick_a_pupil_of_another_class()
    {
        var subject = "Mon dessin " + Guid.NewGuid().ToString("N")[..6];
        // Pupils' messaging closes at night: open it for this test (the suite may run at any hour), then put it back.
        // Léo's charter is put back too: another test checks his first login.
        await using var restore = await DaytimeAndCharterAsync("leo.moreau");

        var pupil = await SignInAsync("leo.moreau", DemoSeeder.PupilPassword, Phone);
        await Axe.AssertAccessibleAsync(pupil, "home (pupil, phone)");
        await pupil.Locator("a.service[data-service=messagerie]").ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/messagerie$"));
        await Axe.AssertAccessibleAsync(pupil, "inbox (pupil, phone)");
        await pupil.GetByRole(AriaRole.Link, new() { Name = "Écrire un message" }).ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/messagerie/nouveau$"));
        await Axe.AssertAccessibleAsync(pupil, "compose (pupil, phone)");

        await pupil.GetByLabel(new Regex("^Thomas Mercier")).CheckAsync();
        // His sister Manon is in CM1: not someone he may write to, so not found.
        await pupil.GetByLabel("Chercher une personne").FillAsync("Manon");
        await pupil.GetByRole(AriaRole.Button, new() { Name = "Chercher", Exact = true }).ClickAsync();
        await Expect(pupil.Locator("main")).ToContainTextAsync("Personne ne correspond à ce nom");
        await Expect(pupil.GetByLabel(new Regex("Manon Moreau"))).ToHaveCountAsync(0);
        await Expect(pupil.GetByLabel(new Regex("^Thomas Mercier"))).ToBeCheckedAsync();
        await Axe.AssertAccessibleAsync(pupil, "compose after search (pupil, phone)");
        Assert.True(await pupil.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");

        await pupil.GetByLabel("Objet", new() { Exact = true }).FillAsync(subject);
        await pupil.GetByLabel("Message", new() { Exact = true }).FillAsync("Bonjour maître,\nj'ai fini mon dessin.");
        await pupil.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/messagerie/[0-9a-f-]{36}$"));
        await Expect(pupil.Locator("main")).ToContainTextAsync("Message envoyé.");
        await Axe.AssertAccessibleAsync(pupil, "message read (pupil, phone)");

        // The teacher finds it unread in his inbox.
        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        await Expect(teacher.Locator("a.service[data-service=messagerie] .count")).ToContainTextAsync("non lu");
        await teacher.Locator("a.service[data-service=messagerie]").ClickAsync();
        var line = teacher.Locator(".mail-list li.unread", new() { HasText = subject });
        await Expect(line).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "inbox (teacher)");
        await line.Locator("a").ClickAsync();
        await Expect(teacher.Locator("main")).ToContainTextAsync("j'ai fini mon dessin.");
    }

    [BrowserFact]
    public async Task Parent_reports_a_message_and_the_teacher_of_her_child_hides_it()
    {
        var subject = "Kermesse " + Guid.NewGuid().ToString("N")[..6];
        // The CM1 teacher (Manon's) wrote to Léo and Manon's mother.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var mother = await db.Users.Where(u => u.UserName == "julie.moreau").Select(u => u.Id).SingleAsync();
            var cm1 = await (from c in db.Classes
                             join s in db.Schools on c.SchoolId equals s.Id
                             where c.Name == "CM1" && s.Name.Contains("Jean")
                             select c.Id).FirstAsync();
            var cm1Teacher = await db.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId == cm1).Select(m => m.PersonId).FirstAsync();
            var now = DateTime.UtcNow;
            var message = new Message { Subject = subject, Body = "Un texte déplacé.", SenderId = cm1Teacher, CreatedAt = now, SentAt = now, SenderState = SenderState.Sent, RecipientSummary = "Julie Moreau" };
            message.ThreadId = message.Id;
            db.Messages.Add(message);
            db.MessageRecipients.Add(new MessageRecipient { MessageId = message.Id, PersonId = mother, SentAt = now });
            await db.SaveChangesAsync();
        }

        var parent = await SignInAsync("julie.moreau", DemoSeeder.AdultPassword, new ViewportSize { Width = 390, Height = 844 });
        await parent.Locator("a.service[data-service=messagerie]").ClickAsync();
        await parent.Locator(".mail-list a", new() { HasText = subject }).ClickAsync();
        await parent.GetByText("Signaler ce message").ClickAsync();
        await parent.GetByLabel("Pourquoi ? (facultatif)").FillAsync("Propos blessants");
        await Axe.AssertAccessibleAsync(parent, "report form (parent, phone)");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Signaler", Exact = true }).ClickAsync();
        await Expect(parent.Locator("main")).ToContainTextAsync("Le message a été signalé");

        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        await teacher.GotoAsync("/messagerie");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Modération" }).ClickAsync();
        var report = teacher.Locator("article.mail-report-item", new() { HasText = subject });
        await Expect(report).ToContainTextAsync("Propos blessants");
        await Axe.AssertAccessibleAsync(teacher, "moderation queue (teacher)");
        await report.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Masquer le message") }).ClickAsync();
        await Expect(teacher.Locator("main")).ToContainTextAsync("Le message est masqué pour tous ses destinataires.");
        await Expect(teacher.Locator("article.mail-report-item", new() { HasText = subject })).ToHaveCountAsync(0);

        await parent.GotoAsync("/messagerie");
        await Expect(parent.Locator(".mail-list")).ToContainTextAsync("Message masqué par la modération");
        await Expect(parent.Locator(".mail-list")).Not.ToContainTextAsync(subject);
    }

    /// <summary>Opens pupils' messaging (no curfew) and, on dispose, restores the curfew and the person's charter acceptance.</summary>
    private async Task<IAsyncDisposable> DaytimeAndCharterAsync(string login)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var before = await db.CurfewSettings.AsNoTracking().FirstOrDefaultAsync();
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == login).Select(u => new { u.Id, u.CharterVersionAccepted, u.CharterAcceptedAt }).SingleAsync();
        if (before is null)
        {
            db.CurfewSettings.Add(new CurfewSetting { Enabled = false });
        }
        else
        {
            await db.CurfewSettings.ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, false));
        }
        await db.SaveChangesAsync();
        return new Restore(async () =>
        {
            await using var s = app.Services.CreateAsyncScope();
            var d = s.ServiceProvider.GetRequiredService<PreauDbContext>();
            if (before is null)
            {
                await d.CurfewSettings.ExecuteDeleteAsync();
            }
            else
            {
                await d.CurfewSettings.ExecuteUpdateAsync(x => x.SetProperty(c => c.Enabled, before.Enabled));
            }
            await d.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(x => x
                .SetProperty(u => u.CharterVersionAccepted, user.CharterVersionAccepted)
                .SetProperty(u => u.CharterAcceptedAt, user.CharterAcceptedAt));
        });
    }

    private sealed class Restore(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }

    /// <summary>Signs in; another test may already have accepted this demo profile's charter, so accept it only if shown.</summary>
    private async Task<IPage> SignInAsync(string login, string password, ViewportSize? viewport)
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
        await page.GetByLabel("Mot de passe").FillAsync(password);
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
