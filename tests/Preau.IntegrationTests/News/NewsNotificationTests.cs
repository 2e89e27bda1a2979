using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.News;
using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.IntegrationTests.News;

/// <summary>A published news item reaches the feed of the people concerned, once, and only when due.</summary>
public sealed class NewsNotificationTests(TestApp app)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    private static string Local(TimeSpan offset) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow + offset, Paris).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<Guid> PublishAsync(UserSession author, Guid schoolId, string title, params (string, string)[] extra)
    {
        var response = await author.SubmitAsync("/actualites/nouvelle", [("Input.Scope", $"School:{schoolId}"), ("Input.Title", title), ("Input.Body", "Texte."), .. extra]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.NewsItems.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
    }

    private Task<List<Guid>> NotifiedAsync(Guid newsId) =>
        app.WithDbAsync(db => db.NotificationItems.Where(i => i.Url == $"/actualites/{newsId}" && i.Kind == NotificationKind.News).Select(i => i.PersonId).ToListAsync());

    private async Task<int> AnnounceDueAsync(DateTime now)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NewsAnnouncer>().AnnounceDueAsync(now, TestContext.Current.CancellationToken);
    }

    [DbFact]
    public async Task SchoolNews_NotifiesItsFamiliesStaffAndPupils_NotAParentOfAnotherSchool()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        // A partner invited into one of its classes (ADR 0037) is not one of the school's people.
        var partner = await app.NewPartnerAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Preau.Web.Modules.People.Data.Membership
            {
                PersonId = partner.Id, Role = Preau.Web.Modules.People.Data.Role.Partner, ScopeType = Preau.Web.Modules.People.Data.ScopeType.Class,
                ScopeId = school.ClassA.Id, StartsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), EndsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)),
            });
            return await db.SaveChangesAsync();
        });
        using var director = await SignInAsync(school.Director);
        var title = $"Kermesse {school.Tag}";

        var id = await PublishAsync(director, school.School.Id, title);

        var notified = await NotifiedAsync(id);
        Assert.Contains(school.GuardianA.Id, notified);
        Assert.Contains(school.TeacherA.Id, notified);
        Assert.Contains(school.TeacherB.Id, notified);
        Assert.Contains(school.PupilB.Id, notified);
        Assert.DoesNotContain(other.GuardianA.Id, notified);
        Assert.DoesNotContain(other.TeacherA.Id, notified);
        Assert.DoesNotContain(partner.Id, notified);
        // Not the author, and exactly one item per person.
        Assert.DoesNotContain(school.Director.Id, notified);
        Assert.Equal(notified.Count, notified.Distinct().Count());

        using var parent = await SignInAsync(school.GuardianA);
        var (_, feed) = await parent.GetPageAsync("/notifications");
        Assert.Contains($"Nouvelle actualité : {title}", UserSession.Text(feed));
        using var otherParent = await SignInAsync(other.GuardianA);
        Assert.DoesNotContain(title, UserSession.Text((await otherParent.GetPageAsync("/notifications")).Document));

        // Withdrawn and put back online: not announced a second time.
        await director.SubmitAsync("/actualites/gerer", [], $"tr[data-news='{id}'] form.withdraw");
        Assert.True(await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.IsWithdrawn).SingleAsync()));
        var republish = await director.SubmitAsync("/actualites/gerer", [], $"tr[data-news='{id}'] form.republish");
        Assert.Equal(HttpStatusCode.Redirect, republish.StatusCode);
        Assert.Equal(notified.Count, (await NotifiedAsync(id)).Count);
    }

    [DbFact]
    public async Task FutureNews_IsAnnouncedOnlyOnceDue_AndExactlyOnce()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        var title = $"Spectacle {school.Tag}";

        var id = await PublishAsync(director, school.School.Id, title, ("Input.PublishAt", Local(TimeSpan.FromHours(3))));
        Assert.Empty(await NotifiedAsync(id));

        await AnnounceDueAsync(DateTime.UtcNow.AddHours(1));
        Assert.Empty(await NotifiedAsync(id));

        // Due: two passes (as a restart or a second instance would run) announce it once.
        var due = DateTime.UtcNow.AddHours(4);
        await Task.WhenAll(AnnounceDueAsync(due), AnnounceDueAsync(due));
        await AnnounceDueAsync(due.AddMinutes(1));
        var notified = await NotifiedAsync(id);
        Assert.Equal(1, notified.Count(p => p == school.GuardianA.Id));
        Assert.Equal(notified.Count, notified.Distinct().Count());
        Assert.False(await app.WithDbAsync(db => db.NewsItems.Where(n => n.Id == id).Select(n => n.AnnouncePending).SingleAsync()));
    }
}
