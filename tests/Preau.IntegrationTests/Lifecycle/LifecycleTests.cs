using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;

namespace Preau.IntegrationTests.Lifecycle;

public sealed class LifecycleTests(TestApp app)
{
    // The schools' day (Paris), as the application counts it: between midnight in Paris and in UTC they differ.
    private static DateOnly Today => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);

    [DbFact]
    public async Task Director_MarksPupilAsLeft_PupilThenReachesOnlyTheirData()
    {
        var school = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);

        var response = await director.SubmitAsync($"/personne/{school.PupilA.Id}", [], "#mark-left");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == school.PupilA.Id));
        Assert.Equal(Today, person.LeftOn);
        Assert.Equal(Today.AddDays(90), person.DeleteOn);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "person.left" && e.TargetId == school.PupilA.Id && e.ActorId == school.Director.Id)));
        var (_, page) = await director.GetPageAsync($"/personne/{school.PupilA.Id}");
        Assert.Contains("parti le", UserSession.Text(page));

        using var pupil = app.NewSession();
        await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        foreach (var url in new[] { "/", $"/classe/{school.ClassA.Id}/annuaire", $"/personne/{school.PupilA.Id}" })
        {
            var r = await pupil.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/compte/mes-donnees", r.Headers.Location!.OriginalString);
        }
        var (status, data) = await pupil.GetPageAsync("/compte/mes-donnees");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("seront supprimées le", UserSession.Text(data));
        Assert.Equal(HttpStatusCode.OK, (await pupil.GetAsync("/compte/mes-donnees?handler=download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pupil.GetAsync("/deconnexion")).StatusCode);
    }

    [DbFact]
    public async Task Anyone_DownloadsTheirData()
    {
        var school = await app.NewSchoolAsync();
        var told = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.NotificationItems.AddRange(
                new FeedItem { PersonId = school.GuardianA.Id, Kind = NotificationKind.LiaisonNote, Title = "Sortie au musée", Url = "/liaison/1", CreatedAt = told, ReadAt = told.AddHours(2) },
                new FeedItem { PersonId = school.TeacherA.Id, Kind = NotificationKind.LiaisonNote, Title = "Pour quelqu'un d'autre", Url = "/liaison/2", CreatedAt = told });
            db.NotificationPreferences.Add(new EmailPreference { PersonId = school.GuardianA.Id, Mode = EmailMode.DailyDigest, UpdatedAt = told });
            await db.SaveChangesAsync();
        });
        using var guardian = app.NewSession();
        await guardian.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        using var response = await guardian.GetAsync("/compte/mes-donnees?handler=download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ParentA", json.RootElement.GetProperty("Identity").GetProperty("LastName").GetString());
        Assert.Equal("EleveA", json.RootElement.GetProperty("Children")[0].GetProperty("LastName").GetString());
        Assert.True(json.RootElement.GetProperty("LoginEvents").GetArrayLength() >= 1);
        // What the family was told, and how it chose to be told; not what someone else was told.
        var notification = Assert.Single(json.RootElement.GetProperty("Notifications").EnumerateArray());
        Assert.Equal("Sortie au musée", notification.GetProperty("Title").GetString());
        Assert.Equal("LiaisonNote", notification.GetProperty("Kind").GetString());
        Assert.Equal(told.AddHours(2), notification.GetProperty("ReadAt").GetDateTime());
        Assert.Equal("DailyDigest", json.RootElement.GetProperty("NotificationEmails").GetString());

        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        var text = await (await teacher.GetAsync("/compte/mes-donnees?handler=download")).Content.ReadAsStringAsync();
        Assert.Contains(school.ClassA.Name, text);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Purge_DeletesAccountAndRoles_KeepsAnAnonymousPerson()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == school.PupilA.Id);
            p.LeftOn = Today.AddDays(-91);
            p.DeleteOn = Today.AddDays(-1);
            p.BirthDate = new DateOnly(2018, 3, 4);
            p.Ine = "123456789AB";
            foreach (var who in new[] { school.PupilA.Id, school.PupilB.Id })
            {
                var item = new FeedItem { PersonId = who, Kind = NotificationKind.LiaisonNote, Title = "Sortie au musée", Url = "/notifications", CreatedAt = DateTime.UnixEpoch };
                db.NotificationItems.Add(item);
                db.NotificationOutbox.Add(new OutboxEntry { ItemId = item.Id, PersonId = who, CreatedAt = DateTime.UnixEpoch, NextAttemptAt = DateTime.UnixEpoch });
                db.NotificationPreferences.Add(new EmailPreference { PersonId = who, Mode = EmailMode.DailyDigest, UpdatedAt = DateTime.UnixEpoch });
                db.NotificationDigests.Add(new DigestRecord { PersonId = who, Day = Today, ClaimedUntil = DateTime.UnixEpoch });
            }
            await db.SaveChangesAsync();
        });

        var deleted = await PersonPurge.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.True(deleted >= 1);
        await app.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == school.PupilA.Id);
            Assert.Equal("Ancien utilisateur", p.DisplayName);
            Assert.Null(p.BirthDate);
            Assert.Null(p.Ine);
            Assert.True(p.IsArchived);
            Assert.Null(p.DeleteOn);
            Assert.False(await db.Users.AnyAsync(u => u.Id == school.PupilA.Id));
            Assert.False(await db.Memberships.AnyAsync(m => m.PersonId == school.PupilA.Id));
            Assert.False(await db.GuardianLinks.AnyAsync(l => l.PupilId == school.PupilA.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "person.deleted" && e.TargetId == school.PupilA.Id));
            Assert.False(await db.NotificationItems.AnyAsync(i => i.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationOutbox.AnyAsync(o => o.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationPreferences.AnyAsync(x => x.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationDigests.AnyAsync(x => x.PersonId == school.PupilA.Id));
            Assert.Equal(1, await db.NotificationItems.CountAsync(i => i.PersonId == school.PupilB.Id));
            Assert.Equal(1, await db.NotificationOutbox.CountAsync(o => o.PersonId == school.PupilB.Id));
            // The others are untouched.
            Assert.True(await db.Users.AnyAsync(u => u.Id == school.PupilB.Id));
            Assert.True(await db.Persons.AnyAsync(x => x.Id == school.GuardianA.Id && x.LastName == "ParentA"));
        });
        using var session = app.NewSession();
        var login = await session.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        Assert.NotEqual("/", login.Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task GracePeriod_IsClampedToTheLegalMaximum()
    {
        var lifecycle = new AccountLifecycle(null!, TimeProvider.System, new LifecycleOptions { DeletionGraceDays = 400 }, null!);
        Assert.Equal(AccountLifecycle.LegalMaximumGraceDays, lifecycle.GraceDays);
        Assert.Equal(90, app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLifecycle>().GraceDays);
        await Task.CompletedTask;
    }

    [DbFact]
    public async Task OtherSchoolDirector_CannotMarkLeft()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(other.Director.Login, other.Director.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/personne/{school.PupilA.Id}")).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == school.PupilA.Id))).LeftOn);
    }
}
