using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.News;

/// <summary>
/// Actualités over HTTP: who sees a school's, a collectivité's and the territory's news on their home page,
/// publication and expiry dates, who may write, and a body that tries to inject markup. The application's
/// clock is the real one, so dates are set relative to now.
/// </summary>
public sealed class NewsTests(TestApp app)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    /// <summary>A datetime-local value, in Paris time, <paramref name="offset"/> from now.</summary>
    private static string Local(TimeSpan offset) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow + offset, Paris).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostNewsAsync(UserSession author, string scope, string title, string body = "Texte de l'actualité.", params (string, string)[] extra) =>
        author.SubmitAsync("/actualites/nouvelle", [("Input.Scope", scope), ("Input.Title", title), ("Input.Body", body), .. extra]);

    private async Task<Guid> PublishAsync(UserSession author, string scope, string title, string body = "Texte de l'actualité.", params (string, string)[] extra)
    {
        var response = await PostNewsAsync(author, scope, title, body, extra);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/actualites/gerer", response.Headers.Location?.OriginalString);
        return await app.WithDbAsync(db => db.NewsItems.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
    }

    private static async Task<string> HomeNewsAsync(UserSession session)
    {
        var (status, home) = await session.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        return home.QuerySelector(".home-news")?.TextContent ?? "";
    }

    [DbFact]
    public async Task SchoolNews_ReachesItsStaffPupilsAndFamilies_NotAParentOfAnotherSchool()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var title = $"Kermesse {school.Tag}";
        var id = await PublishAsync(director, $"School:{school.School.Id}", title);

        using var parent = await SignInAsync(school.GuardianA);
        Assert.Contains(title, await HomeNewsAsync(parent));
        var (_, home) = await parent.GetPageAsync("/");
        Assert.Equal("/actualites", home.QuerySelector(".home-news a[href='/actualites']")?.GetAttribute("href"));
        Assert.Contains(title, UserSession.Text((await parent.GetPageAsync($"/actualites/{id}")).Document));
        Assert.Contains(title, UserSession.Text((await parent.GetPageAsync("/actualites")).Document));

        using var teacher = await SignInAsync(school.TeacherB);
        Assert.Contains(title, await HomeNewsAsync(teacher));

        using var pupil = await SignInAsync(school.PupilB);
        var (_, pupilHome) = await pupil.GetPageAsync("/");
        var pupilNews = pupilHome.QuerySelector(".home-news.for-pupil");
        Assert.NotNull(pupilNews);
        Assert.Contains(title, pupilNews.TextContent);
        Assert.Contains("Les nouvelles de l'école", pupilNews.TextContent);

        using var stranger = await SignInAsync(other.GuardianA);
        Assert.DoesNotContain(title, await HomeNewsAsync(stranger));
        Assert.DoesNotContain(title, UserSession.Text((await stranger.GetPageAsync("/actualites")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetPageAsync($"/actualites/{id}")).Status);
    }

    [DbFact]
    public async Task CollectiviteNews_ByItsAgent_ReachesFamiliesOfItsSchoolsAndItsAgent_NotAnotherCommune()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var agent = await SignInAsync(school.Agent);
        var title = $"Cantine {school.Tag}";
        await PublishAsync(agent, $"LocalAuthority:{school.Commune.Id}", title);

        Assert.Contains(title, await HomeNewsAsync(agent));
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Contains(title, await HomeNewsAsync(parent));
        Assert.Contains(school.Commune.Name, await HomeNewsAsync(parent));
        using var director = await SignInAsync(school.Director);
        Assert.Contains(title, await HomeNewsAsync(director));

        using var stranger = await SignInAsync(other.GuardianA);
        Assert.DoesNotContain(title, await HomeNewsAsync(stranger));
        using var otherAgent = await SignInAsync(other.Agent);
        Assert.DoesNotContain(title, await HomeNewsAsync(otherAgent));
    }

    [DbFact]
    public async Task NewsScheduledAtAnHourTheSpringChangeSkips_IsSavedAnHourLater_NotAnError()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        // 2:30 does not exist in Paris on 28 March 2027: clocks go from 2:00 to 3:00.
        var id = await PublishAsync(director, $"School:{school.School.Id}", $"Printemps {school.Tag}", extra: [("Input.PublishAt", "2027-03-28T02:30")]);

        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0), await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.PublishAt).SingleAsync()));
        var (_, manage) = await director.GetPageAsync("/actualites/gerer");
        Assert.Contains("Programmée", manage.QuerySelector($"tr[data-news='{id}'] .status")!.TextContent);
    }

    [DbFact]
    public async Task FutureAndExpiredNews_AreHiddenFromReaders_AndListedForTheirAuthor()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var scope = $"School:{school.School.Id}";
        var future = await PublishAsync(director, scope, $"Bientôt {school.Tag}", extra: [("Input.PublishAt", Local(TimeSpan.FromDays(2)))]);
        var expired = await PublishAsync(director, scope, $"Passée {school.Tag}",
            extra: [("Input.PublishAt", Local(TimeSpan.FromDays(-3))), ("Input.ExpiresAt", Local(TimeSpan.FromDays(-1)))]);
        var current = await PublishAsync(director, scope, $"En cours {school.Tag}",
            extra: [("Input.PublishAt", Local(TimeSpan.FromHours(-1))), ("Input.ExpiresAt", Local(TimeSpan.FromDays(1)))]);

        using var parent = await SignInAsync(school.GuardianA);
        var home = await HomeNewsAsync(parent);
        Assert.Contains($"En cours {school.Tag}", home);
        Assert.DoesNotContain($"Bientôt {school.Tag}", home);
        Assert.DoesNotContain($"Passée {school.Tag}", home);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync($"/actualites/{future}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync($"/actualites/{expired}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetPageAsync($"/actualites/{current}")).Status);

        var (_, manage) = await director.GetPageAsync("/actualites/gerer");
        Assert.Contains("Programmée", manage.QuerySelector($"tr[data-news='{future}'] .status")!.TextContent);
        Assert.Contains("Expirée", manage.QuerySelector($"tr[data-news='{expired}'] .status")!.TextContent);
        Assert.Contains("En ligne", manage.QuerySelector($"tr[data-news='{current}'] .status")!.TextContent);
    }

    [DbFact]
    public async Task ImportantNews_IsPinnedAboveMoreRecentOnes()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var scope = $"School:{school.School.Id}";
        await PublishAsync(director, scope, $"Épinglée {school.Tag}", extra: [("Input.PublishAt", Local(TimeSpan.FromDays(-2))), ("Input.IsImportant", "true")]);
        await PublishAsync(director, scope, $"Récente {school.Tag}");

        using var parent = await SignInAsync(school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        var titles = home.QuerySelectorAll(".home-news h3").Select(h => h.TextContent.Trim()).Where(t => t.EndsWith(school.Tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Épinglée {school.Tag}", $"Récente {school.Tag}"], titles);
        Assert.Contains("Important", home.QuerySelector(".home-news li.important")!.TextContent);
    }

    [DbFact]
    public async Task OnlyDirectorsAgentsAndAdministrators_WriteNews_EachForTheirOwnScope()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/actualites/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/actualites/gerer")).StatusCode);
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.Forbidden, (await parent.GetAsync("/actualites/nouvelle")).StatusCode);

        using var director = await SignInAsync(school.Director);
        var id = await PublishAsync(director, $"School:{school.School.Id}", $"Réunion {school.Tag}");

        // Another school's director can neither edit, withdraw nor publish for this school.
        using var otherDirector = await SignInAsync(other.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync($"/actualites/{id}/modifier")).StatusCode);
        var ownId = await PublishAsync(otherDirector, $"School:{other.School.Id}", $"Chez nous {other.Tag}");
        var withdraw = await otherDirector.SubmitAsync("/actualites/gerer", [new("id", id.ToString())], $"tr[data-news='{ownId}'] form.withdraw");
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        var delete = await otherDirector.SubmitAsync("/actualites/gerer", [new("id", id.ToString())], $"tr[data-news='{ownId}'] form.delete");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var forged = await PostNewsAsync(otherDirector, $"School:{school.School.Id}", $"Usurpée {school.Tag}");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Choisissez pour qui publier.", await UserSession.TextAsync(forged));
        var territory = await PostNewsAsync(director, "Territory", $"Départementale {school.Tag}");
        Assert.Contains("Choisissez pour qui publier.", await UserSession.TextAsync(territory));
        using var agent = await SignInAsync(school.Agent);
        var agentForSchool = await PostNewsAsync(agent, $"School:{school.School.Id}", $"Mairie pour école {school.Tag}");
        Assert.Contains("Choisissez pour qui publier.", await UserSession.TextAsync(agentForSchool));
        Assert.False(await app.WithDbAsync(db => db.NewsItems.AnyAsync(n => n.Title.EndsWith(school.Tag) && n.Id != id)));
        Assert.False(await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.IsWithdrawn).SingleAsync()));
        Assert.Equal($"Réunion {school.Tag}", await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.Title).SingleAsync()));
    }

    [DbFact]
    public async Task Author_EditsWithdrawsRepublishesAndDeletes_ReadersFollow()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var id = await PublishAsync(director, $"School:{school.School.Id}", $"Photo de classe {school.Tag}");
        using var parent = await SignInAsync(school.GuardianA);
        // Seen once first: the home page's news is then kept in memory, and every change below must show through it.
        Assert.Contains($"Photo de classe {school.Tag}", await HomeNewsAsync(parent));

        var edited = await director.SubmitAsync($"/actualites/{id}/modifier", ("Input.Scope", $"School:{school.School.Id}"),
            ("Input.Title", $"Photo de classe reportée {school.Tag}"), ("Input.Body", "Nouvelle date à venir."));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains($"Photo de classe reportée {school.Tag}", await HomeNewsAsync(parent));

        var withdrawn = await director.SubmitAsync("/actualites/gerer", [], $"tr[data-news='{id}'] form.withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.IsWithdrawn).SingleAsync()));
        Assert.DoesNotContain(school.Tag, await HomeNewsAsync(parent));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync($"/actualites/{id}")).Status);
        var (_, manage) = await director.GetPageAsync("/actualites/gerer");
        Assert.Contains("Retirée", manage.QuerySelector($"tr[data-news='{id}'] .status")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync("/actualites/gerer", [], $"tr[data-news='{id}'] form.republish")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.IsWithdrawn).SingleAsync()));
        Assert.Contains(school.Tag, await HomeNewsAsync(parent));

        var deleted = await director.Client.PostAsync("/actualites/gerer?handler=delete", new FormUrlEncodedContent([new("id", id.ToString())]));
        Assert.Equal(HttpStatusCode.BadRequest, deleted.StatusCode); // no antiforgery token: refused
        Assert.True(await app.WithDbAsync(db => db.NewsItems.AnyAsync(n => n.Id == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync("/actualites/gerer", [], $"tr[data-news='{id}'] form.delete")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.NewsItems.AnyAsync(n => n.Id == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync($"/actualites/{id}")).Status);
        Assert.DoesNotContain(school.Tag, await HomeNewsAsync(parent));
    }

    [DbFact]
    public async Task HomePage_TakesTheNewsFromMemory_SharedByEveryoneOfTheSchool()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        await PublishAsync(director, $"School:{school.School.Id}", $"Sortie au musée {school.Tag}");
        // The director reads the school's news first (the same news as its families)...
        Assert.Contains($"Sortie au musée {school.Tag}", await HomeNewsAsync(director));
        using var parent = await SignInAsync(school.GuardianA);
        // ...so a family's home page runs the account check (with the menu's unread notifications and the inbox's unread
        // messages, ADR 0022) and takes the news from memory — and, once taken, what is new in the child's class, the
        // notes to sign, the coming events and the work due, while nothing changes there (ADR 0036, 0040, 0041).
        Assert.Equal(1, await parent.QueryCountAsync("/"));
        Assert.Contains($"Sortie au musée {school.Tag}", await HomeNewsAsync(parent));
    }

    [DbFact]
    public async Task MarkupInANewsItem_IsShownAsText_AndOnlyWebAddressesBecomeLinks()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var title = $"<img src=x onerror=alert(1)> {school.Tag}";
        var body = "<script>alert('x')</script>\n\nVoir https://example.org/sortie?a=1&b=2. Et javascript:alert(1) ou <a href=\"javascript:alert(2)\">ici</a>"
            + "\n\"><svg onload=alert(3)>";
        var id = await PublishAsync(director, $"School:{school.School.Id}", title, body);

        using var parent = await SignInAsync(school.GuardianA);
        foreach (var url in new[] { "/", "/actualites", $"/actualites/{id}" })
        {
            var response = await parent.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        }
        var (_, page) = await parent.GetPageAsync($"/actualites/{id}");
        var article = page.QuerySelector("article.news-item")!;
        Assert.Contains("<script>alert('x')</script>", article.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", article.TextContent);
        Assert.Empty(article.QuerySelectorAll("script, img, svg:not(.icon)"));
        var links = article.QuerySelectorAll(".news-body a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://example.org/sortie?a=1&b=2"], links);
        Assert.Equal(2, article.QuerySelectorAll(".news-body p").Length);
    }
}
