using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Communication;

/// <summary>
/// The default matrix of PRODUCT §4 through the picker API, the class setting, the pupils' curfew and a
/// crisis switch for one school. Decision documented here: a teacher writes to the families of their own
/// pupils only; the director (whose pupils are the whole school's) writes to every family of the school.
/// </summary>
public sealed class CommunicationRulesTests(TestApp app)
{
    private sealed record MayWrite(bool Allowed, string? Reason);

    private sealed record Person(Guid Id, string Name, string Profile);

    private sealed record ReachablePage(List<Person> Items, int Total, int Page, int PageSize);

    /// <summary>Noon in Paris, outside the pupils' curfew, whatever time the suite runs.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.FromHours(1));

    private static async Task<MayWrite> MayWriteAsync(UserSession session, Guid to)
    {
        var response = await session.GetAsync($"/api/v1/communication/may-write/{to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MayWrite>())!;
    }

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    /// <summary>The service as the application builds it, but with its clock set to <paramref name="at"/>.</summary>
    private async Task<Decision> MayWriteAtAsync(DateTimeOffset at, Guid from, Guid to)
    {
        using var scope = app.Services.CreateScope();
        var rules = new CommunicationRules(scope.ServiceProvider.GetRequiredService<PreauDbContext>(), new FakeTimeProvider(at));
        return await rules.MayWriteAsync(from, to, TestContext.Current.CancellationToken);
    }

    /// <summary>A guardian (no account needed) of a new pupil enrolled in <paramref name="classId"/>; returns (guardian, pupil).</summary>
    private async Task<(Guid Guardian, Guid Pupil)> AddFamilyAsync(Guid classId, string tag)
    {
        var pupil = new Preau.Web.Modules.People.Data.Person { FirstName = $"Test{tag}", LastName = "AutreEleve", CreatedAt = DateTime.UtcNow };
        var guardian = new Preau.Web.Modules.People.Data.Person { FirstName = $"Test{tag}", LastName = "AutreParent", CreatedAt = DateTime.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Persons.AddRange(pupil, guardian);
            db.Memberships.Add(new Membership { PersonId = pupil.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = classId, SchoolYearId = app.CurrentYearId });
            db.GuardianLinks.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupil.Id, Relationship = Relationship.Father });
            await db.SaveChangesAsync();
        });
        return (guardian.Id, pupil.Id);
    }

    [DbFact]
    public async Task Adults_FollowTheDefaultMatrix()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var (guardianB, _) = await AddFamilyAsync(s.ClassB.Id, s.Tag);

        using var parent = await SignInAsync(s.GuardianA);
        Assert.True((await MayWriteAsync(parent, s.TeacherA.Id)).Allowed);
        Assert.True((await MayWriteAsync(parent, s.Director.Id)).Allowed);
        Assert.False((await MayWriteAsync(parent, s.TeacherB.Id)).Allowed);
        var toParent = await MayWriteAsync(parent, guardianB);
        Assert.False(toParent.Allowed);
        Assert.Contains("règles de communication", toParent.Reason);
        Assert.False((await MayWriteAsync(parent, s.Agent.Id)).Allowed);
        Assert.False((await MayWriteAsync(parent, other.TeacherA.Id)).Allowed);

        using var teacher = await SignInAsync(s.TeacherA);
        Assert.True((await MayWriteAsync(teacher, s.GuardianA.Id)).Allowed);
        Assert.True((await MayWriteAsync(teacher, s.Director.Id)).Allowed);
        Assert.True((await MayWriteAsync(teacher, s.TeacherB.Id)).Allowed);
        Assert.True((await MayWriteAsync(teacher, s.Advisor.Id)).Allowed);
        Assert.True((await MayWriteAsync(teacher, s.Agent.Id)).Allowed);
        Assert.False((await MayWriteAsync(teacher, guardianB)).Allowed);
        Assert.False((await MayWriteAsync(teacher, other.TeacherA.Id)).Allowed);
        Assert.False((await MayWriteAsync(teacher, other.Advisor.Id)).Allowed);

        using var director = await SignInAsync(s.Director);
        Assert.True((await MayWriteAsync(director, guardianB)).Allowed);
        Assert.True((await MayWriteAsync(director, s.GuardianA.Id)).Allowed);

        using var agent = await SignInAsync(s.Agent);
        Assert.True((await MayWriteAsync(agent, s.Director.Id)).Allowed);
        Assert.True((await MayWriteAsync(agent, s.TeacherB.Id)).Allowed);
        Assert.False((await MayWriteAsync(agent, s.GuardianA.Id)).Allowed);
        Assert.False((await MayWriteAsync(agent, s.PupilA.Id)).Allowed);
        Assert.False((await MayWriteAsync(agent, other.Director.Id)).Allowed);

        using var advisor = await SignInAsync(s.Advisor);
        Assert.True((await MayWriteAsync(advisor, s.TeacherA.Id)).Allowed);
        Assert.True((await MayWriteAsync(advisor, s.Director.Id)).Allowed);
        Assert.False((await MayWriteAsync(advisor, s.GuardianA.Id)).Allowed);
        Assert.False((await MayWriteAsync(advisor, other.TeacherA.Id)).Allowed);

        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(admin);
        Assert.True((await MayWriteAsync(adminSession, s.GuardianA.Id)).Allowed);
        Assert.False((await MayWriteAsync(adminSession, admin.Id)).Allowed);
    }

    [DbFact]
    public async Task Pupil_OverHttp_WritesToOwnTeacherOnly()
    {
        var s = await app.NewSchoolAsync();
        using var pupil = await SignInAsync(s.PupilA);
        var curfew = CommunicationRules.IsInCurfew(new CurfewSetting(), DateTimeOffset.UtcNow);

        var toTeacher = await MayWriteAsync(pupil, s.TeacherA.Id);
        Assert.Equal(!curfew, toTeacher.Allowed);
        Assert.False((await MayWriteAsync(pupil, s.TeacherB.Id)).Allowed);
        Assert.False((await MayWriteAsync(pupil, s.PupilB.Id)).Allowed);
        Assert.False((await MayWriteAsync(pupil, s.GuardianA.Id)).Allowed);
    }

    [DbFact]
    public async Task Pupils_AtNoon_ClassmatesOnlyWhenTheTeacherOpensTheClass()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var (_, classmate) = await AddFamilyAsync(s.ClassA.Id, s.Tag);

        Assert.True((await MayWriteAtAsync(Noon, s.PupilA.Id, s.TeacherA.Id)).Allowed);
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, s.TeacherB.Id)).Allowed);
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, s.Director.Id)).Allowed);
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, s.PupilB.Id)).Allowed);
        // Default: limited to the teacher.
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, classmate)).Allowed);
        Assert.True((await MayWriteAtAsync(Noon, s.TeacherA.Id, s.PupilA.Id)).Allowed);

        using var teacher = await SignInAsync(s.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{s.ClassB.Id}/messagerie")).StatusCode);
        using var pupilSession = await SignInAsync(s.PupilA);
        Assert.Equal(HttpStatusCode.Forbidden, (await pupilSession.GetAsync($"/classe/{s.ClassA.Id}/messagerie")).StatusCode);

        var opened = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", ("Mode", "Open"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.True((await MayWriteAtAsync(Noon, s.PupilA.Id, classmate)).Allowed);
        Assert.True((await MayWriteAtAsync(Noon, classmate, s.PupilA.Id)).Allowed);
        // Another class (and another school) stays out of reach, even open.
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, s.PupilB.Id)).Allowed);
        Assert.False((await MayWriteAtAsync(Noon, s.PupilA.Id, other.PupilA.Id)).Allowed);

        await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", ("Mode", "Closed"));
        var closed = await MayWriteAtAsync(Noon, s.PupilA.Id, s.TeacherA.Id);
        Assert.False(closed.Allowed);
        Assert.Equal("Votre enseignant a fermé la messagerie de la classe.", closed.Reason);
        Assert.False((await MayWriteAtAsync(Noon, classmate, s.PupilA.Id)).Allowed);
        // Pupil B's class is untouched.
        Assert.True((await MayWriteAtAsync(Noon, s.PupilB.Id, s.TeacherB.Id)).Allowed);
    }

    [DbFact]
    public async Task OnePupilsMessaging_ClosedOnRequest_WhateverTheClass_OthersUntouched_AndReopened()
    {
        var s = await app.NewSchoolAsync();
        var (_, classmate) = await AddFamilyAsync(s.ClassA.Id, s.Tag);
        using var teacher = await SignInAsync(s.TeacherA);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", ("Mode", "Open"))).StatusCode);
        Assert.True((await MayWriteAtAsync(Noon, s.PupilA.Id, classmate)).Allowed);

        // Pupil A's family asked: only pupil A is closed; a pupil of another class sent in the form is ignored.
        var closed = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", [new("closed", s.PupilA.Id.ToString()), new("closed", s.PupilB.Id.ToString())], "#pupil-closures");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var refused = await MayWriteAtAsync(Noon, s.PupilA.Id, s.TeacherA.Id);
        Assert.False(refused.Allowed);
        Assert.Equal("Ta messagerie est fermée. Demande à ton enseignant.", refused.Reason);
        Assert.False((await MayWriteAtAsync(Noon, classmate, s.PupilA.Id)).Allowed);
        Assert.True((await MayWriteAtAsync(Noon, s.TeacherA.Id, s.PupilA.Id)).Allowed);
        Assert.True((await MayWriteAtAsync(Noon, classmate, s.TeacherA.Id)).Allowed);
        Assert.True((await MayWriteAtAsync(Noon, s.PupilB.Id, s.TeacherB.Id)).Allowed);
        var (_, page) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/messagerie");
        Assert.True(page.QuerySelector($"#closed-{s.PupilA.Id}")!.HasAttribute("checked"));
        Assert.Null(page.QuerySelector($"#closed-{s.PupilB.Id}"));

        // The teacher of another class cannot touch it; nothing ticked reopens it.
        using var teacherB = await SignInAsync(s.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/classe/{s.ClassA.Id}/messagerie?handler=pupils")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", [], "#pupil-closures")).StatusCode);
        Assert.True((await MayWriteAtAsync(Noon, s.PupilA.Id, classmate)).Allowed);
    }

    [DbFact]
    public async Task TheSettingsPages_LeaveTheDirectorsOtherPagesWorking_AndSavingSaysSo()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetPageAsync($"/classe/{s.ClassA.Id}/messagerie")).Status);
        Assert.Equal(HttpStatusCode.OK, (await director.GetPageAsync($"/ecole/{s.School.Id}/services")).Status);
        // Both pages once wrote « false » into TempData under the key the school's classes page reads as text: it failed.
        Assert.Equal(HttpStatusCode.OK, (await director.GetPageAsync($"/ecole/{s.School.Id}/classes")).Status);

        var saved = await director.SubmitAsync($"/classe/{s.ClassA.Id}/messagerie", ("Mode", "Open"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await director.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Le réglage a été enregistré.", UserSession.Text(after), StringComparison.Ordinal);
        var (_, next) = await director.GetPageAsync($"/classe/{s.ClassA.Id}/messagerie");
        Assert.DoesNotContain("Le réglage a été enregistré.", UserSession.Text(next), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Curfew_ClosesPupilsMessagingAtNight_InParisTime()
    {
        var s = await app.NewSchoolAsync();
        var evening = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.FromHours(1));
        var early = new DateTimeOffset(2026, 11, 28, 6, 59, 0, TimeSpan.FromHours(1));
        var morning = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(1));
        // 19:30 UTC in summer is 21:30 in Paris.
        var summer = new DateTimeOffset(2026, 6, 15, 19, 30, 0, TimeSpan.Zero);

        var night = await MayWriteAtAsync(evening, s.PupilA.Id, s.TeacherA.Id);
        Assert.False(night.Allowed);
        Assert.Equal("La messagerie des élèves est fermée la nuit (20 h – 7 h).", night.Reason);
        Assert.False((await MayWriteAtAsync(early, s.PupilA.Id, s.TeacherA.Id)).Allowed);
        Assert.False((await MayWriteAtAsync(summer, s.PupilA.Id, s.TeacherA.Id)).Allowed);
        Assert.True((await MayWriteAtAsync(morning, s.PupilA.Id, s.TeacherA.Id)).Allowed);
        // Pupils receive nothing at night either; adults still write to each other.
        Assert.False((await MayWriteAtAsync(evening, s.TeacherA.Id, s.PupilA.Id)).Allowed);
        Assert.True((await MayWriteAtAsync(evening, s.TeacherA.Id, s.GuardianA.Id)).Allowed);
    }

    [DbFact]
    public async Task Reachable_InACirconscription_TeachersReachTheAdvisorOnly_TheAdvisorReachesEveryTeacher()
    {
        var s = await app.NewSchoolAsync();
        // A second school of the same circonscription, with its own teacher.
        var neighbour = new Preau.Web.Modules.Territory.Data.School
        {
            Uai = Preau.Web.Modules.Territory.Uai.Complete((9_100_000 + Random.Shared.Next(800_000)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Name = $"École voisine {s.Tag}", DistrictId = s.District.Id, LocalAuthorityId = s.Commune.Id,
        };
        var neighbourClass = new Preau.Web.Modules.Territory.Data.SchoolClass { SchoolId = neighbour.Id, SchoolYearId = app.CurrentYearId, Name = $"CE2 {s.Tag}", Levels = Preau.Web.Modules.Territory.Data.Levels.Ce2 };
        var colleague = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.Schools.Add(neighbour);
            db.Classes.Add(neighbourClass);
            db.Memberships.Add(new Membership { PersonId = colleague.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = neighbourClass.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
        });

        using var teacher = await SignInAsync(s.TeacherA);
        var fromTeacher = (await teacher.Client.GetFromJsonAsync<ReachablePage>("/api/v1/communication/reachable", TestContext.Current.CancellationToken))!
            .Items.Select(p => p.Id).ToHashSet();
        Assert.Contains(s.Advisor.Id, fromTeacher);
        Assert.Contains(s.Agent.Id, fromTeacher);
        Assert.DoesNotContain(colleague.Id, fromTeacher);

        using var advisor = await SignInAsync(s.Advisor);
        var fromAdvisor = (await advisor.Client.GetFromJsonAsync<ReachablePage>("/api/v1/communication/reachable", TestContext.Current.CancellationToken))!
            .Items.Select(p => p.Id).ToHashSet();
        Assert.Superset(new HashSet<Guid> { s.TeacherA.Id, s.TeacherB.Id, s.Director.Id, colleague.Id }, fromAdvisor);
        Assert.DoesNotContain(s.PupilA.Id, fromAdvisor);
    }

    [DbFact]
    public async Task Reachable_ListsThePeopleOfTheCallersRelations()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();

        using var parent = await SignInAsync(s.GuardianA);
        var page = (await parent.Client.GetFromJsonAsync<ReachablePage>($"/api/v1/communication/reachable?q=Test{s.Tag}", TestContext.Current.CancellationToken))!;
        Assert.Equal(new[] { s.Director.Id, s.TeacherA.Id }.Order(), page.Items.Select(p => p.Id).Order());
        Assert.Equal(2, page.Total);
        Assert.Contains(page.Items, p => p.Id == s.TeacherA.Id && p.Profile == "Enseignant");

        using var teacher = await SignInAsync(s.TeacherA);
        var reach = (await teacher.Client.GetFromJsonAsync<ReachablePage>("/api/v1/communication/reachable?q=" + s.Tag, TestContext.Current.CancellationToken))!
            .Items.Select(p => p.Id).ToHashSet();
        Assert.Superset(new HashSet<Guid> { s.Director.Id, s.TeacherB.Id, s.PupilA.Id, s.PupilB.Id, s.GuardianA.Id, s.Agent.Id, s.Advisor.Id }, reach);
        Assert.DoesNotContain(s.TeacherA.Id, reach);
        var elsewhere = (await teacher.Client.GetFromJsonAsync<ReachablePage>("/api/v1/communication/reachable?q=" + other.Tag, TestContext.Current.CancellationToken))!;
        Assert.Empty(elsewhere.Items);

        using var anonymous = app.NewSession();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/communication/reachable")).StatusCode);
    }

    [DbFact]
    public async Task CrisisSwitch_ForOneSchool_SuspendsItsMessaging_WithABanner()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(admin);
        var message = $"Exercice de crise {s.Tag}";

        var created = await adminSession.SubmitAsync("/admin/communication",
            [new("Crisis.Scope", "School"), new("Crisis.SchoolId", s.School.Id.ToString()), new("Crisis.Message", message)], "#crise-form");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        try
        {
            using var teacher = await SignInAsync(s.TeacherA);
            var banner = (await teacher.GetPageAsync("/")).Document.QuerySelector(".crisis-banner");
            Assert.NotNull(banner);
            Assert.Contains(message, banner.TextContent);
            using var parent = await SignInAsync(s.GuardianA);
            Assert.Contains(message, UserSession.Text((await parent.GetPageAsync("/")).Document));
            using var otherTeacher = await SignInAsync(other.TeacherA);
            Assert.DoesNotContain(message, UserSession.Text((await otherTeacher.GetPageAsync("/")).Document));

            var refused = await MayWriteAsync(teacher, s.Director.Id);
            Assert.False(refused.Allowed);
            Assert.Equal($"La messagerie est suspendue : {message}", refused.Reason);
            // Nobody writes into the school either.
            using var agent = await SignInAsync(s.Agent);
            Assert.False((await MayWriteAsync(agent, s.Director.Id)).Allowed);
            using var otherTeacherApi = await SignInAsync(other.TeacherA);
            Assert.True((await MayWriteAsync(otherTeacherApi, other.Director.Id)).Allowed);
        }
        finally
        {
            var crisisId = await app.WithDbAsync(db => Task.FromResult(db.CrisisSwitches.Where(c => c.Message == message).Select(c => c.Id).Single()));
            var ended = await adminSession.SubmitAsync("/admin/communication", [new("crisisId", crisisId.ToString())], $"form:has(input[value='{crisisId}'])");
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }
        using var after = await SignInAsync(s.TeacherA);
        Assert.Null((await after.GetPageAsync("/")).Document.QuerySelector(".crisis-banner"));
        Assert.True((await MayWriteAsync(after, s.Director.Id)).Allowed);
    }

    [DbFact]
    public async Task CrisisSwitch_WithAnEndDate_EndsByItself_AndAPastEndIsRefused()
    {
        var s = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(admin);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var parisNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime;
        var message = $"Crise datée {s.Tag}";
        KeyValuePair<string, string>[] Form(DateTime ends) =>
            [new("Crisis.Scope", "School"), new("Crisis.SchoolId", s.School.Id.ToString()), new("Crisis.Message", message),
             new("Crisis.EndsAtLocal", ends.ToString("yyyy-MM-ddTHH:mm"))];

        var past = await adminSession.SubmitAsync("/admin/communication", Form(parisNow.AddHours(-1)), "#crise-form");
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("La fin de la suspension doit être dans le futur.", await past.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(await app.WithDbAsync(db => db.CrisisSwitches.AnyAsync(c => c.Message == message)));

        var ends = parisNow.AddHours(2);
        Assert.Equal(HttpStatusCode.Redirect, (await adminSession.SubmitAsync("/admin/communication", Form(ends), "#crise-form")).StatusCode);
        var stored = await app.WithDbAsync(db => db.CrisisSwitches.SingleAsync(c => c.Message == message));
        try
        {
            // Stored in UTC, shown back in Paris time to the administrator.
            Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(new DateTime(ends.Year, ends.Month, ends.Day, ends.Hour, ends.Minute, 0), paris), stored.EndsAt);
            Assert.Contains($"jusqu'au {ends:dd/MM/yyyy HH:mm}", UserSession.Text((await adminSession.GetPageAsync("/admin/communication")).Document));
            using var teacher = await SignInAsync(s.TeacherA);
            Assert.False((await MayWriteAsync(teacher, s.Director.Id)).Allowed);
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var crisis = await db.CrisisSwitches.SingleAsync(c => c.Id == stored.Id);
                crisis.EndsAt = DateTime.UtcNow.AddMinutes(-1);
                await db.SaveChangesAsync();
                return 0;
            });
        }
        using var after = await SignInAsync(s.TeacherA);
        Assert.True((await MayWriteAsync(after, s.Director.Id)).Allowed);
    }

    [DbFact]
    public async Task Administrator_EditsOneCellOfTheMatrix()
    {
        // Partner → partner across the territory: a cell no other test relies on, restored at the end.
        var tag = SchoolBuilder.NewTag();
        var partners = new List<Guid>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 2; i++)
            {
                var person = new Preau.Web.Modules.People.Data.Person { FirstName = $"Test{tag}", LastName = $"Partenaire{i}", CreatedAt = DateTime.UtcNow };
                var group = new Group { Name = $"Groupe {tag} {i}", OwnerId = person.Id };
                db.Groups.Add(group);
                db.Persons.Add(person);
                db.Memberships.Add(new Membership { PersonId = person.Id, Role = Role.Partner, ScopeType = ScopeType.Group, ScopeId = group.Id });
                partners.Add(person.Id);
            }
            await db.SaveChangesAsync();
        });
        var admin = await app.NewAdminAsync();
        using var session = await SignInAsync(admin);
        var (status, overview) = await session.GetPageAsync("/admin/communication");
        Assert.Equal(HttpStatusCode.OK, status);
        // The page lists the sender profiles and shows one profile's part of the matrix at a time (all of them weighed
        // over 400 KB): none at first.
        Assert.Empty(overview.QuerySelectorAll("main input[name=allowed]"));
        Assert.Equal(DefaultMatrix.Profiles.Count, overview.QuerySelectorAll("main nav a[href^='/admin/communication?de=']").Length);
        var (_, page) = await session.GetPageAsync("/admin/communication?de=Partner");
        Assert.Equal(DefaultMatrix.Profiles.Count * DefaultMatrix.Relations.Count, page.QuerySelectorAll("#matrice-Partner input[name=allowed]").Length);
        Assert.Single(page.QuerySelectorAll("main form[id^='matrice-']"));
        Assert.Equal("page", page.QuerySelector("main nav a[href='/admin/communication?de=Partner#matrice']")!.GetAttribute("aria-current"));
        Assert.All(page.QuerySelectorAll("main input[type=checkbox], main select, main textarea, main input[type=time]"),
            i => Assert.NotNull(page.QuerySelector($"label[for='{i.Id}']")));
        Assert.Equal("20:00", page.QuerySelector("#curfew-start")!.GetAttribute("value"));
        Assert.Equal("07:00", page.QuerySelector("#curfew-end")!.GetAttribute("value"));
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/admin/communication")).StatusCode);
        const string cell = "Partner:Partner:Territory";
        Assert.False((await MayWriteAtAsync(Noon, partners[0], partners[1])).Allowed);

        try
        {
            var saved = await session.SubmitAsync("/admin/communication?de=Partner", [new("cells", cell), new("allowed", cell)], "#matrice-Partner");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.EndsWith("?de=Partner#matrice", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.True((await MayWriteAtAsync(Noon, partners[0], partners[1])).Allowed);
            var (_, after) = await session.GetPageAsync("/admin/communication?de=Partner");
            Assert.Contains("1 case modifiée", UserSession.Text(after), StringComparison.Ordinal);
            Assert.True(after.QuerySelector("#cell-Partner-Partner-Territory")!.HasAttribute("checked"));
            // Only the listed cell changed.
            Assert.True(after.QuerySelector("#cell-Partner-Teacher-SameGroup")!.HasAttribute("checked"));
        }
        finally
        {
            await session.SubmitAsync("/admin/communication?de=Partner", [new("cells", cell)], "#matrice-Partner");
        }
        Assert.False((await MayWriteAtAsync(Noon, partners[0], partners[1])).Allowed);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.CommunicationRules.Any(r => r.SenderProfile == Role.Partner && r.RecipientProfile == Role.Partner))));
    }
}
