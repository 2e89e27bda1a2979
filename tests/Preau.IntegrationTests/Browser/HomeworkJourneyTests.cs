using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The cahier de textes on the demo département: the CE1 teacher gives work à rendre, Léo hands in a file from a
/// tablet (from his home page), the teacher sees « 1 / N rendus ».
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeworkJourneyTests(BrowserApp app)
{
    private static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };

    [BrowserFact]
    public async Task Teacher_gives_work_to_hand_in_pupil_hands_it_in_on_a_tablet_teacher_sees_the_count()
    {
        var work = "Colorie la carte des fleuves " + Guid.NewGuid().ToString("N")[..6];

        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=cahier-de-textes]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/cahier-de-textes$"));
        await Axe.AssertAccessibleAsync(teacher, "class cahier de textes (teacher)");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Ajouter une séance ou un travail" }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "new homework entry");
        await teacher.GetByLabel("Matière").SelectOptionAsync(new SelectOptionValue { Label = "Questionner le monde" });
        await teacher.GetByLabel("Ce qui a été fait en classe").FillAsync("Les fleuves de France.");
        await teacher.GetByLabel("Consigne").FillAsync(work);
        await teacher.GetByLabel("À rendre dans le casier").CheckAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        var entry = teacher.Locator("article.homework-entry", new() { HasText = work });
        await Expect(entry).ToContainTextAsync(new Regex("0 / \\d+ rendus"));
        var weekPage = teacher.Url;

        // Léo, on a tablet: his home page shows the work for tomorrow; he opens it and hands in his file.
        await using var restore = await CharterRestoredAsync("leo.moreau");
        var pupil = await SignInAsync("leo.moreau", DemoSeeder.PupilPassword, Tablet);
        var block = pupil.Locator(".home-homework");
        await Expect(block).ToContainTextAsync(new Regex("À faire pour (demain|lundi)"));
        await Axe.AssertAccessibleAsync(pupil, "home (pupil, tablet)");
        await block.Locator("li", new() { HasText = work }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(pupil.GetByRole(AriaRole.Heading, new() { Name = "Ce que tu dois faire" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(pupil, "homework with a drop box (pupil, tablet)");
        await pupil.GetByLabel("Choisis ton fichier").SetInputFilesAsync(new FilePayload
        {
            Name = "carte.pdf", MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await pupil.GetByRole(AriaRole.Button, new() { Name = "Rendre mon travail" }).ClickAsync();
        await Expect(pupil.Locator(".notice.success")).ToContainTextAsync("C'est rendu");
        await Expect(pupil.Locator(".casier")).ToContainTextAsync("carte.pdf");
        Assert.True(await pupil.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a tablet");
        await Axe.AssertAccessibleAsync(pupil, "homework handed in (pupil, tablet)");

        // Léo's mother, on a phone: the work is on her home page, under Léo's name.
        var parent = await SignInAsync("julie.moreau", DemoSeeder.AdultPassword, new ViewportSize { Width = 390, Height = 844 });
        var leo = parent.Locator(".home-homework .homework-child", new() { Has = parent.Locator("h3", new() { HasText = "Léo" }) });
        await Expect(leo).ToContainTextAsync(work);
        await Expect(leo).ToContainTextAsync(new Regex("À faire pour (demain|lundi)"));
        await Axe.AssertAccessibleAsync(parent, "home with homework (parent, phone)");
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");

        // Her home page says what is new since she opened the cahier de textes: Léo's work (ADR 0036)...
        var leoSpace = parent.Locator(".space", new() { HasText = "Léo Moreau" });
        await Expect(leoSpace.Locator("a.service[data-service=cahier-de-textes] .count")).ToContainTextAsync(new Regex("^\\d+ nouveautés?$"));

        // ...and the teacher's tells her of the work handed in since she last opened the class's cahier de textes; opening
        // it from the tile clears the count.
        await teacher.GotoAsync("/");
        var handedIn = ce1.Locator("a.service[data-service=cahier-de-textes] .count");
        await Expect(handedIn).ToHaveTextAsync("1 nouveau travail rendu");
        await Axe.AssertAccessibleAsync(teacher, "home with new work handed in (teacher)");
        await ce1.Locator("a.service[data-service=cahier-de-textes]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/cahier-de-textes$"));
        await teacher.GotoAsync("/");
        await Expect(handedIn).ToHaveCountAsync(0);

        // The teacher sees it counted, and Léo's file in the list.
        await teacher.GotoAsync(weekPage);
        await Expect(teacher.Locator("article.homework-entry", new() { HasText = work })).ToContainTextAsync(new Regex("1 / \\d+ rendus"));
        await teacher.Locator("article.homework-entry", new() { HasText = work }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(teacher.Locator(".handed-count")).ToContainTextAsync(new Regex("^1 / \\d+ rendus$"));
        await Expect(teacher.Locator("tr", new() { HasText = "Léo Moreau" })).ToContainTextAsync("carte.pdf");
        await Axe.AssertAccessibleAsync(teacher, "homework drop box (teacher)");

        // « Supprimer l'entrée » asks first: « Annuler » sends nothing; « OK » sends it, and the server keeps an entry
        // whose work was handed in.
        var asked = new TaskCompletionSource<string>();
        void Cancel(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Message);
            _ = dialog.DismissAsync();
        }
        teacher.Dialog += Cancel;
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Supprimer l'entrée" }).ClickAsync();
        Assert.Equal("Supprimer cette entrée du cahier de textes ?", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await Expect(teacher.GetByText("Des élèves ont déjà rendu leur travail")).ToHaveCountAsync(0);
        await Expect(teacher.Locator(".handed-count")).ToContainTextAsync(new Regex("^1 / \\d+ rendus$"));
        teacher.Dialog -= Cancel;
        void Accept(object? sender, IDialog dialog) => _ = dialog.AcceptAsync();
        teacher.Dialog += Accept;
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Supprimer l'entrée" }).ClickAsync();
        await Expect(teacher.GetByText("Des élèves ont déjà rendu leur travail : l'entrée ne peut pas être supprimée.")).ToBeVisibleAsync();
        teacher.Dialog -= Accept;
    }

    /// <summary>On dispose, puts back the person's charter acceptance: another test checks Léo's first login.</summary>
    private async Task<IAsyncDisposable> CharterRestoredAsync(string login)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == login).Select(u => new { u.Id, u.CharterVersionAccepted, u.CharterAcceptedAt }).SingleAsync();
        return new Restore(async () =>
        {
            await using var s = app.Services.CreateAsyncScope();
            var d = s.ServiceProvider.GetRequiredService<PreauDbContext>();
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
