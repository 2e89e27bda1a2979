using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using Preau.Web.Platform.Time;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Quizzes on the demo département: the CE1 teacher builds a quiz and opens it; Léo takes it on a tablet
/// (820×1180); the teacher sees his score. axe-core is clean on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuizJourneyTests(BrowserApp app)
{
    private static readonly ViewportSize Tablet = new() { Width = 820, Height = 1180 };

    [BrowserFact]
    public async Task Teacher_builds_a_quiz_pupil_takes_it_on_a_tablet_teacher_sees_the_result()
    {
        var title = "Les fleuves " + Guid.NewGuid().ToString("N")[..6];

        var teacher = await SignInAsync("thomas.mercier", DemoSeeder.AdultPassword, null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=quiz]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/quiz$"));
        await Axe.AssertAccessibleAsync(teacher, "class quizzes (teacher)");
        await teacher.GetByLabel("Titre du quiz").FillAsync(title);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Créer le quiz" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/quiz/[0-9a-f-]+/modifier$"));
        await Axe.AssertAccessibleAsync(teacher, "quiz editor (empty)");
        var editor = teacher.Url;

        await teacher.GetByRole(AriaRole.Link, new() { Name = "Ajouter une question" }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "new question");
        await teacher.GetByLabel("Choix unique (une seule bonne réponse)").CheckAsync();
        await teacher.GetByLabel("Question", new() { Exact = true }).FillAsync("Quel fleuve passe à Paris ?");
        await teacher.GetByLabel("Réponse 1", new() { Exact = true }).FillAsync("La Seine");
        await teacher.GetByLabel("Bonne réponse 1", new() { Exact = true }).CheckAsync();
        await teacher.GetByLabel("Réponse 2", new() { Exact = true }).FillAsync("La Loire");
        await teacher.GetByLabel("Explication (montrée à l'élève après sa réponse)").FillAsync("La Seine traverse Paris.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la question" }).ClickAsync();
        await Expect(teacher.Locator(".notice.success")).ToContainTextAsync("La question est enregistrée");

        await teacher.GetByRole(AriaRole.Link, new() { Name = "Ajouter une question" }).ClickAsync();
        await teacher.GetByLabel("Réponse courte à écrire").CheckAsync();
        await teacher.GetByLabel("Question", new() { Exact = true }).FillAsync("Quel est le plus long fleuve de France ?");
        await teacher.GetByLabel("Réponse courte : réponses acceptées, une par ligne").FillAsync("Loire\nla Loire");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la question" }).ClickAsync();
        await Expect(teacher.Locator(".quiz-question-row")).ToHaveCountAsync(2);

        var opens = ParisDate.ToParis(TimeProvider.System.GetUtcNow().UtcDateTime).AddHours(-1);
        await teacher.GetByLabel("Ouvert à partir du").FillAsync(opens.ToString("yyyy-MM-dd'T'HH:mm"));
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les réglages" }).ClickAsync();
        await Expect(teacher.Locator(".notice.success")).ToContainTextAsync("Les réglages du quiz sont enregistrés");
        await Axe.AssertAccessibleAsync(teacher, "quiz editor (two questions, open)");

        // Léo, on a tablet: from his home page to the quiz, big targets, one tap per answer.
        await using var restore = await CharterRestoredAsync("leo.moreau");
        var pupil = await SignInAsync("leo.moreau", DemoSeeder.PupilPassword, Tablet);
        await pupil.Locator("a.service[data-service=quiz]").First.ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/quiz$"));
        await Axe.AssertAccessibleAsync(pupil, "class quizzes (pupil, tablet)");
        await pupil.Locator(".quiz-row", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Commencer" }).ClickAsync();
        await Expect(pupil.Locator("#quiz-form")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(pupil, "taking a quiz (pupil, tablet)");
        var target = await pupil.Locator(".quiz-target", new() { HasText = "La Seine" }).BoundingBoxAsync();
        Assert.True(target is { Height: >= 44 }, "answer targets are at least 44 px high");
        await pupil.Locator(".quiz-target", new() { HasText = "La Seine" }).TapAsync();
        await pupil.GetByLabel("Écris ta réponse").FillAsync(" la LOIRE ");
        await pupil.GetByRole(AriaRole.Button, new() { Name = "J'ai fini, je rends mon quiz" }).ClickAsync();
        await Expect(pupil.Locator(".notice.success")).ToContainTextAsync("Tu as 2 bonne(s) réponse(s) sur 2");
        await Expect(pupil.Locator(".quiz-score")).ToContainTextAsync("2 / 2");
        await Expect(pupil.Locator(".quiz-explanation")).ToContainTextAsync("La Seine traverse Paris.");
        Assert.True(await pupil.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a tablet");
        await Axe.AssertAccessibleAsync(pupil, "quiz result (pupil, tablet)");

        // The teacher sees Léo's score and each question's success.
        await teacher.GotoAsync(editor);
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Résultats", Exact = true }).ClickAsync();
        await Expect(teacher.Locator("tr", new() { HasText = "Léo Moreau" })).ToContainTextAsync("2 / 2 (100 %)");
        await Expect(teacher.Locator(".quiz-rates tbody tr").First).ToContainTextAsync("100 %");
        await Axe.AssertAccessibleAsync(teacher, "quiz results (teacher)");
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
