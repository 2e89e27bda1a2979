using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The class blog on the demo département: Léo (CE1) writes an article on a phone, it waits for Thomas Mercier, who
/// validates it; then a visitor without an account reads it on the public blog, on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BlogJourneyTests(BrowserApp app)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [BrowserFact]
    public async Task Pupil_writes_teacher_validates_and_a_visitor_reads_it_on_the_public_blog()
    {
        var title = "Notre sortie au musée " + Guid.NewGuid().ToString("N")[..6];
        await using var restore = await RestoreAsync("leo.moreau", title);

        var pupil = await SignInAsync("leo.moreau", DemoSeeder.PupilPassword, Phone);
        await pupil.Locator("a.service[data-service=blog]").First.ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/blogs/ce1-jean-jaures$"));
        await Axe.AssertAccessibleAsync(pupil, "class blog (pupil, phone)");
        await pupil.GetByRole(AriaRole.Link, new() { Name = "Écrire un article" }).ClickAsync();
        await Expect(pupil.Locator("main")).ToContainTextAsync("Ton enseignant lira ton article");
        await Axe.AssertAccessibleAsync(pupil, "editor (pupil, phone)");
        await pupil.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await pupil.GetByLabel("Texte", new() { Exact = true }).FillAsync("Nous avons vu des tableaux très anciens.\n\nJ'ai aimé le grand bateau.");
        await pupil.GetByRole(AriaRole.Button, new() { Name = "Envoyer à mon enseignant" }).ClickAsync();
        await Expect(pupil.Locator("main")).ToContainTextAsync("Ton article est envoyé à ton enseignant.");
        await Expect(pupil.Locator("main")).ToContainTextAsync("En attente de validation");
        await Axe.AssertAccessibleAsync(pupil, "submitted article (pupil, phone)");
        Assert.True(await pupil.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");

        // Not public yet: a visitor does not find it.
        var visitor = await NewPageAsync(Phone);
        var response = await visitor.GotoAsync("/blogs/ce1-jean-jaures");
        Assert.Equal(200, response!.Status);
        await Expect(visitor.Locator("main")).Not.ToContainTextAsync(title);

        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        await teacher.GotoAsync("/blogs/ce1-jean-jaures/a-valider");
        await Axe.AssertAccessibleAsync(teacher, "validation desk (teacher)");
        var card = teacher.Locator("article.blog-review", new() { HasText = title });
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Valider et publier") }).ClickAsync();
        await Expect(teacher.Locator("main")).ToContainTextAsync("L'article est publié.");
        await Expect(teacher.Locator("article.blog-review", new() { HasText = title })).ToHaveCountAsync(0);

        // The visitor finds it on the territory's public showcase, among the latest articles: from the sign-in page,
        // through the presentation of the service.
        await visitor.GotoAsync("/connexion");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Découvrir Préau" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/presentation$"));
        await Axe.AssertAccessibleAsync(visitor, "presentation (visitor, phone)");
        await visitor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Voir la vitrine des écoles" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/vitrine$"));
        await Axe.AssertAccessibleAsync(visitor, "public showcase (visitor, phone)");
        await visitor.Locator("article.blog-summary", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Le blog des CE1 de Jean-Jaurès" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/blogs/ce1-jean-jaures$"));
        await Axe.AssertAccessibleAsync(visitor, "public blog (visitor, phone)");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Expect(visitor.Locator("h2#article-title")).ToHaveTextAsync(title);
        await Expect(visitor.Locator(".blog-body")).ToContainTextAsync("J'ai aimé le grand bateau.");
        await Expect(visitor.Locator("#comment-form")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(visitor, "public article (visitor, phone)");
        Assert.True(await visitor.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
    }

    [BrowserFact]
    public async Task Teacher_formats_an_article_with_the_toolbar_and_readers_see_the_heading_and_bold()
    {
        var title = "Nos plantations " + Guid.NewGuid().ToString("N")[..6];
        await using var restore = await RestoreAsync("thomas.mercier", title);
        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        await teacher.GotoAsync("/blogs/ce1-jean-jaures");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Écrire un article" }).ClickAsync();
        await teacher.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);

        var editor = teacher.GetByRole(AriaRole.Textbox, new() { Name = "Texte", Exact = true });
        await Expect(teacher.GetByRole(AriaRole.Toolbar, new() { Name = "Mise en forme" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "article editor with its toolbar (teacher)");
        await editor.ClickAsync();
        await teacher.Keyboard.TypeAsync("Au jardin");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Intertitre" }).ClickAsync();
        await teacher.Keyboard.PressAsync("End");
        await teacher.Keyboard.PressAsync("Enter");
        await teacher.Keyboard.TypeAsync("Les radis ont ");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Gras" }).ClickAsync();
        await teacher.Keyboard.TypeAsync("poussé");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Gras" }).ClickAsync();
        await teacher.Keyboard.TypeAsync(" cette semaine.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/blogs/ce1-jean-jaures/nos-plantations-[0-9a-f]{6}$"));
        await Expect(teacher.Locator(".blog-body h2")).ToHaveTextAsync("Au jardin");
        await Expect(teacher.Locator(".blog-body :is(b, strong)")).ToHaveTextAsync("poussé");
        await Expect(teacher.Locator(".blog-body")).ToContainTextAsync("cette semaine.");
        await Axe.AssertAccessibleAsync(teacher, "formatted article (teacher)");
    }

    /// <summary>On dispose: the article is removed and the pupil's charter acceptance put back (another test checks his first login).</summary>
    private async Task<IAsyncDisposable> RestoreAsync(string login, string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == login).Select(u => new { u.Id, u.CharterVersionAccepted, u.CharterAcceptedAt }).SingleAsync();
        return new Restore(async () =>
        {
            await using var s = app.Services.CreateAsyncScope();
            var d = s.ServiceProvider.GetRequiredService<PreauDbContext>();
            await d.BlogArticles.Where(a => a.Title == title).ExecuteDeleteAsync();
            await d.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(x => x
                .SetProperty(u => u.CharterVersionAccepted, user.CharterVersionAccepted)
                .SetProperty(u => u.CharterAcceptedAt, user.CharterAcceptedAt));
        });
    }

    private sealed class Restore(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }

    private async Task<IPage> NewPageAsync(ViewportSize? viewport)
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
        return await context.NewPageAsync();
    }

    /// <summary>Signs in; another test may already have accepted this demo profile's charter, so accept it only if shown.</summary>
    private async Task<IPage> SignInAsync(string login, string password, ViewportSize? viewport)
    {
        var page = await NewPageAsync(viewport);
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
