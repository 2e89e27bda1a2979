using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The class agenda on the demo département: the CE1 teacher adds an event for today, Léo's mother sees it in the
/// week view on a phone, from her child's space.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgendaJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_adds_a_class_event_parent_sees_it_in_the_week_view_on_a_phone()
    {
        var title = "Spectacle de marionnettes " + Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris")).ToString("yyyy-MM-dd");

        var teacher = await SignInAsync("thomas.mercier", null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=agenda]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/agenda/[0-9a-f-]+$"));
        await Axe.AssertAccessibleAsync(teacher, "class agenda week view (teacher)");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Ajouter un événement" }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "new agenda event");
        await teacher.GetByLabel("Titre").FillAsync(title);
        await teacher.GetByLabel("Date", new() { Exact = true }).FillAsync(today);
        await teacher.GetByLabel("Heure de début").FillAsync("16:30");
        await teacher.GetByLabel("Heure de fin").FillAsync("17:30");
        await teacher.GetByLabel("Lieu", new() { Exact = true }).FillAsync("Préau de l'école");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'événement" }).ClickAsync();
        await Expect(teacher.Locator($"li.agenda-day[data-date='{today}']")).ToContainTextAsync(title);

        // Léo's mother, on a phone: home › Léo's space › « Agenda ».
        var parent = await SignInAsync("julie.moreau", new ViewportSize { Width = 390, Height = 844 });
        var leo = parent.Locator(".space", new() { HasText = "Léo" });
        await leo.Locator("a.service[data-service=agenda]").ClickAsync();
        var day = parent.Locator($"li.agenda-day[data-date='{today}']");
        await Expect(day).ToContainTextAsync(title);
        await Expect(day).ToContainTextAsync("16:30 – 17:30");
        await Expect(day.GetByRole(AriaRole.Heading)).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(parent, "class agenda week view (parent, phone)");
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        // A parent reads, never edits.
        await Expect(parent.GetByRole(AriaRole.Link, new() { Name = "Ajouter un événement" })).ToHaveCountAsync(0);
        await parent.GetByRole(AriaRole.Link, new() { Name = "Vue mois" }).ClickAsync();
        await Expect(parent.Locator($"li.agenda-day[data-date='{today}']")).ToContainTextAsync(title);
        await Axe.AssertAccessibleAsync(parent, "class agenda month view (parent, phone)");
    }

    [BrowserFact]
    public async Task Teacher_makes_a_daily_series_and_takes_one_day_out_from_the_week_view()
    {
        var title = "Chorale " + Guid.NewGuid().ToString("N")[..6];
        var todayDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris"));
        var today = todayDate.ToString("yyyy-MM-dd");

        var teacher = await SignInAsync("thomas.mercier", null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=agenda]").ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Ajouter un événement" }).ClickAsync();
        await teacher.GetByLabel("Titre").FillAsync(title);
        await teacher.GetByLabel("Date", new() { Exact = true }).FillAsync(today);
        await teacher.GetByLabel("Heure de début").FillAsync("08:30");
        await teacher.GetByLabel("Heure de fin").FillAsync("08:45");
        await teacher.GetByLabel("Se répète").CheckAsync();
        await teacher.GetByLabel("Fréquence").SelectOptionAsync(new SelectOptionValue { Label = "Chaque jour" });
        await teacher.GetByLabel("Jusqu'au (inclus)").FillAsync(todayDate.AddDays(13).ToString("yyyy-MM-dd"));
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'événement" }).ClickAsync();
        var day = teacher.Locator($"li.agenda-day[data-date='{today}']");
        await Expect(day).ToContainTextAsync("Chaque jour jusqu'au");

        // Only today's one is taken out, from its own link in the week view.
        await day.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Axe.AssertAccessibleAsync(teacher, "series event opened from one day");
        await teacher.Locator("#except-day").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(teacher.Locator(".notice.success")).ToContainTextAsync("le reste de la série ne change pas");
        await Expect(teacher.Locator($"li.agenda-day[data-date='{today}']")).Not.ToContainTextAsync(title);
        var agenda = new Uri(teacher.Url).AbsolutePath;
        await teacher.GotoAsync($"{agenda}?vue=semaine&date={todayDate.AddDays(7):yyyy-MM-dd}");
        await Expect(teacher.Locator($"li.agenda-day[data-date='{todayDate.AddDays(7):yyyy-MM-dd}']")).ToContainTextAsync(title);
        await teacher.Locator($"li.agenda-day[data-date='{todayDate.AddDays(7):yyyy-MM-dd}']").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(teacher.Locator("#excepted")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "series with a day taken out");

        // Next week's one is changed alone: a quarter of an hour later, that day only.
        var nextWeek = $"{todayDate.AddDays(7):yyyy-MM-dd}";
        await teacher.Locator("#detach-day").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(teacher.Locator(".notice.success")).ToContainTextAsync("est maintenant un événement à part");
        await Expect(teacher.Locator("#detached-hint")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "one day of a series changed on its own");
        await teacher.GetByLabel("Heure de début").FillAsync("08:45");
        await teacher.GetByLabel("Heure de fin").FillAsync("09:00");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'événement" }).ClickAsync();
        await Expect(teacher.Locator($"li.agenda-day[data-date='{nextWeek}']")).ToContainTextAsync("08:45");
        // A neighbouring day of the same week keeps the series' hours.
        var neighbour = todayDate.AddDays(todayDate.AddDays(7).DayOfWeek == DayOfWeek.Sunday ? 6 : 8);
        await Expect(teacher.Locator($"li.agenda-day[data-date='{neighbour:yyyy-MM-dd}']")).ToContainTextAsync("08:30");
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
