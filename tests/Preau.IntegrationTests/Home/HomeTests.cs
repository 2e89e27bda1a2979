using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Home;

public sealed class HomeTests(TestApp app)
{
    [DbFact]
    public async Task Parent_SeesOneSpacePerChild_WithTheChildsClass()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);

        var (status, home) = await session.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        var spaces = home.QuerySelectorAll(".space").Select(s => s.TextContent).ToList();
        var child = Assert.Single(spaces);
        Assert.Contains("Mon enfant", child);
        Assert.Contains("EleveA", child);
        Assert.Contains(school.ClassA.Name, child);
        Assert.DoesNotContain(school.ClassB.Name, UserSession.Text(home));
    }

    [DbFact]
    public async Task Director_SeesSchoolSpace_AndAgentAndAdvisorSeeTheirStructures()
    {
        var school = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);
        using var agent = app.NewSession();
        await agent.LoginAsync(school.Agent.Login, school.Agent.Password);
        using var advisor = app.NewSession();
        await advisor.LoginAsync(school.Advisor.Login, school.Advisor.Password);

        Assert.Contains(school.School.Name, UserSession.Text((await director.GetPageAsync("/")).Document));
        Assert.Contains(school.Commune.Name, UserSession.Text((await agent.GetPageAsync("/")).Document));
        Assert.Contains(school.District.Name, UserSession.Text((await advisor.GetPageAsync("/")).Document));
    }

    [DbFact]
    public async Task Director_SwitchingAServiceOffForTheSchool_HidesItInEveryClass()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        Assert.NotNull((await teacher.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=annuaire]"));
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);

        var saved = await director.SubmitAsync($"/ecole/{school.School.Id}/services");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await teacher.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=annuaire]"));
        var (_, settings) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/services");
        Assert.Contains("désactivé par l'école", UserSession.Text(settings));
    }

    [DbFact]
    public async Task Teacher_CanSwitchServicesOfTheirClassOnly()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);

        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/services")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{school.ClassB.Id}/services")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/ecole/{school.School.Id}/services")).StatusCode);

        await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/services");

        using var pupil = app.NewSession();
        await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        Assert.Null((await pupil.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=annuaire]"));
        using var other = app.NewSession();
        await other.LoginAsync(school.PupilB.Login, school.PupilB.Password);
        Assert.NotNull((await other.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=annuaire]"));
    }

    [DbFact]
    public async Task ServiceSettings_OfAnotherSchool_AreNotFoundForItsParentsPupilsAndStaff()
    {
        var mine = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        foreach (var who in new[] { mine.Director, mine.TeacherA, mine.GuardianA, mine.PupilA, mine.Agent })
        {
            using var session = app.NewSession();
            await session.LoginAsync(who.Login, who.Password);
            var school = await session.GetAsync($"/ecole/{other.School.Id}/services");
            var cls = await session.GetAsync($"/classe/{other.ClassA.Id}/services");
            Assert.Contains(school.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
            Assert.Contains(cls.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
            Assert.DoesNotContain(other.School.Name, await UserSession.TextAsync(school));
        }
    }

    [DbFact]
    public async Task AdminPages_AreForbiddenToSchoolPeople()
    {
        var school = await app.NewSchoolAsync();
        foreach (var who in new[] { school.Director, school.TeacherA, school.GuardianA, school.PupilA, school.Agent, school.Advisor })
        {
            using var session = app.NewSession();
            await session.LoginAsync(who.Login, who.Password);
            foreach (var path in new[] { "/admin/connexions", "/admin/charte" })
            {
                var response = await session.GetAsync(path);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Contains("Accès refusé", await UserSession.TextAsync(response));
            }
        }
    }

    [DbFact]
    public async Task MeApi_AnswersTheSignedInPerson_And401Otherwise()
    {
        var school = await app.NewSchoolAsync();
        using var anonymous = app.NewSession();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me")).StatusCode);

        using var session = app.NewSession();
        await session.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        var response = await session.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains(school.TeacherA.Login, json);
        Assert.Contains("Teacher", json);
    }

    [DbFact]
    public async Task Api_RefusesAPersonWithFirstLoginStepsToDo_OrWhoLeft_WithTheStepToDo()
    {
        var adult = await app.NewAdultAsync(u => u.CharterVersionAccepted = 0);
        using var pending = app.NewSession();
        await pending.LoginAsync(adult.Login, adult.Password);
        var refused = await pending.GetAsync("/api/v1/communication/reachable");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("/compte/charte", body);
        Assert.Contains("Première connexion à terminer.", body);

        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == school.PupilA.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.LeftOn, Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(-1))
                .SetProperty(p => p.DeleteOn, Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(30))));
        using var left = app.NewSession();
        await left.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        var closed = await left.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Contains("/compte/mes-donnees", await closed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [DbFact]
    public async Task ParentHome_RunsTheSameNumberOfQueries_WithOneChildOrThree()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var parent = app.NewSession();
        await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        await parent.QueryCountAsync("/"); // first visit warms the caches of the framework
        var withOne = await parent.QueryCountAsync("/");

        await app.WithDbAsync(async db =>
        {
            db.GuardianLinks.Add(new GuardianLink { GuardianId = school.GuardianA.Id, PupilId = school.PupilB.Id, Relationship = Relationship.Mother });
            db.GuardianLinks.Add(new GuardianLink { GuardianId = school.GuardianA.Id, PupilId = other.PupilA.Id, Relationship = Relationship.Mother });
            await db.SaveChangesAsync();
        });
        var (_, home) = await parent.GetPageAsync("/");
        Assert.Contains(other.School.Name, UserSession.Text(home));
        var withThree = await parent.QueryCountAsync("/");

        Assert.Equal(withOne, withThree);
        Assert.InRange(withThree, 1, 30);
    }
}
