using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Subscriptions;
using Preau.Web.Modules.Subscriptions.Data;

namespace Preau.IntegrationTests.Subscriptions;

/// <summary>
/// Subscriptions over HTTP with the read-only enforcement off (the shared application's default, as in a deployment
/// that never recorded one): coverage per year, trials, renewal, the overview and its CSV.
/// </summary>
public sealed class SubscriptionTests(TestApp app)
{
    [Fact]
    public async Task YearlySubscription_CoversTheCommunesSchools_AndTheOverviewCountsItsPupilsAndAccounts()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.SignInAsync(await app.NewAdminAsync());

        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id, reference: "Convention 2026/12"));

        Assert.Contains(school.School.Id, await app.CoveredOnAsync(SubscriptionKit.Today));
        var (status, doc) = await admin.GetPageAsync(SubscriptionKit.OverviewOf(school.Commune));
        Assert.Equal(HttpStatusCode.OK, status);
        // Two pupils; accounts: the pupils, the guardian, the director and the two teachers (not the agent nor the advisor).
        Assert.Equal(("Abonnée", "1 / 1", "2", "6"), SubscriptionKit.Row(doc, "cette-annee", school.Commune.Id));
        Assert.Equal(("Non abonnée", "0 / 1", "0", "0"), SubscriptionKit.Row(doc, "annee-prochaine", school.Commune.Id));
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == school.Agent.Id && n.Kind == NotificationKind.Subscription)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "subscription.create" && e.TargetId == school.Commune.Id)));
    }

    [Fact]
    public async Task Agent_SeesTheirCollectivitésTotals_AndNotAnotherOne()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var annex = await app.AddSchoolAsync(school);
        var admin = await app.SignInAsync(await app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id, all: false, schools: [school.School.Id]));

        var agent = await app.SignInAsync(school.Agent);
        var (status, doc) = await agent.GetPageAsync($"/collectivite/{school.Commune.Id}/abonnement");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Abonnée", "1 / 2", "2", "6"), SubscriptionKit.Row(doc, "cette-annee", school.Commune.Id));
        var totals = doc.QuerySelector("#table-cette-annee tr.totals")!;
        Assert.Equal("1 / 2", totals.QuerySelector(".schools")!.TextContent.Trim());
        Assert.Equal("6", totals.QuerySelector(".accounts")!.TextContent.Trim());
        Assert.Contains(annex.Name, doc.QuerySelector("#authority-schools")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/collectivite/{other.Commune.Id}/abonnement")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/admin/abonnements")).StatusCode);
        var director = await app.SignInAsync(school.Director);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/admin/abonnements?handler=csv")).StatusCode);
    }

    [Fact]
    public async Task Trial_CoversOnlyTheChosenSchools_UntilItsEndDate()
    {
        var school = await app.NewSchoolAsync();
        var annex = await app.AddSchoolAsync(school);
        var admin = await app.SignInAsync(await app.NewAdminAsync());
        var end = SubscriptionKit.Today.AddDays(10);

        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id, all: false, schools: [annex.Id], trialEnd: end));

        var onLastDay = await app.CoveredOnAsync(end);
        Assert.Contains(annex.Id, onLastDay);
        Assert.DoesNotContain(school.School.Id, onLastDay);
        Assert.DoesNotContain(annex.Id, await app.CoveredOnAsync(end.AddDays(1)));
        var (_, doc) = await admin.GetPageAsync(SubscriptionKit.OverviewOf(school.Commune));
        Assert.Equal($"Essai jusqu'au {end:dd/MM/yyyy}", SubscriptionKit.Row(doc, "cette-annee", school.Commune.Id).Status);
    }

    [Fact]
    public async Task Trial_WithoutEndDate_OrWithAnotherCommunesSchool_IsRefused()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var admin = await app.SignInAsync(await app.NewAdminAsync());

        var noSchool = await admin.SubscribeAsync(school.Commune.Id, all: false, schools: [other.School.Id]);
        Assert.Equal(HttpStatusCode.OK, noSchool.StatusCode);
        Assert.Contains("n'appartiennent pas à cette collectivité", await UserSession.TextAsync(noSchool));
        var backwards = await admin.SubscribeAsync(school.Commune.Id, trialStart: SubscriptionKit.Today, trialEnd: SubscriptionKit.Today.AddDays(-1));
        Assert.Contains("La fin de l'essai doit suivre son début.", await UserSession.TextAsync(backwards));
        Assert.False(await app.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.LocalAuthorityId == school.Commune.Id)));
    }

    [Fact]
    public async Task Renewal_CopiesThisYearsSchoolsToTheWholeNextYear_InOneAction_AndOnlyOnce()
    {
        var school = await app.NewSchoolAsync();
        var annex = await app.AddSchoolAsync(school);
        var admin = await app.SignInAsync(await app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id, all: false, schools: [school.School.Id]));

        var current = await app.WithDbAsync(db => db.Subscriptions.Where(s => s.LocalAuthorityId == school.Commune.Id).Select(s => s.Id).SingleAsync());
        SubscriptionKit.AssertRedirect(await admin.SubmitAsync(SubscriptionKit.OverviewOf(school.Commune), [], $"#renew-{current}"));

        var renewed = await app.WithDbAsync(db => db.Subscriptions.SingleAsync(s => s.LocalAuthorityId == school.Commune.Id && s.YearLabel == SubscriptionKit.NextYear));
        Assert.Equal(SubscriptionKind.SchoolYear, renewed.Kind);
        Assert.True(SchoolYears.TryParse(SubscriptionKit.NextYear, out var next));
        Assert.Equal((SchoolYears.StartsOn(next), SchoolYears.EndsOn(next)), (renewed.StartsOn, renewed.EndsOn));
        var coveredNextYear = await app.CoveredOnAsync(SchoolYears.StartsOn(next).AddDays(40));
        Assert.Contains(school.School.Id, coveredNextYear);
        Assert.DoesNotContain(annex.Id, coveredNextYear);
        var (_, doc) = await admin.GetPageAsync(SubscriptionKit.OverviewOf(school.Commune));
        Assert.Equal(("Abonnée", "1 / 2"), (SubscriptionKit.Row(doc, "annee-prochaine", school.Commune.Id).Status, SubscriptionKit.Row(doc, "annee-prochaine", school.Commune.Id).Schools));

        // Renewing again adds nothing.
        await admin.SubmitAsync(SubscriptionKit.OverviewOf(school.Commune), [], $"#renew-{current}");
        Assert.Equal(1, await app.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.LocalAuthorityId == school.Commune.Id && s.YearLabel == SubscriptionKit.NextYear)));
    }

    [Fact]
    public async Task Csv_ListsEachCollectivitéAndSchool_WithCoverageAndHeadCounts()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.SignInAsync(await app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id));

        using var response = await admin.GetAsync("/admin/abonnements?handler=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"{school.Commune.Name};Commune;;{SubscriptionKit.ThisYear};Abonnée;1;1;2;6\r\n", csv);
        Assert.Contains($"{school.Commune.Name};Commune;;{SubscriptionKit.NextYear};Non abonnée;1;0;0;0\r\n", csv);
        Assert.Contains($"{school.Commune.Name};{school.School.Name};{school.School.Uai};oui;non;2;6\r\n", csv);
    }

    [Fact]
    public async Task WithoutEnforcement_ASchoolNeverSubscribed_KeepsWorkingAsBefore()
    {
        var school = await app.NewSchoolAsync();
        var teacher = await app.SignInAsync(school.TeacherA);

        SubscriptionKit.AssertRedirect(await teacher.CreateQuizAsync(school.ClassA.Id, "Quiz " + school.Tag));

        Assert.Equal(1, await app.QuizCountAsync(school.ClassA.Id));
        var (_, doc) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/quiz");
        Assert.Null(doc.QuerySelector(".lapsed-banner"));
    }

    [Fact]
    public async Task NextYearsSubscription_CoversFromTheFirstDayOfNextYearOnly_AndCanBeDeletedWithAnAuditEvent()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.SignInAsync(await app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id, year: SubscriptionKit.NextYear));
        Assert.True(SchoolYears.TryParse(SubscriptionKit.NextYear, out var next));

        Assert.DoesNotContain(school.School.Id, await app.CoveredOnAsync(SubscriptionKit.Today));
        Assert.DoesNotContain(school.School.Id, await app.CoveredOnAsync(SchoolYears.StartsOn(next).AddDays(-1)));
        Assert.Contains(school.School.Id, await app.CoveredOnAsync(SchoolYears.StartsOn(next)));
        Assert.Contains(school.School.Id, await app.CoveredOnAsync(SchoolYears.EndsOn(next)));

        var id = await app.WithDbAsync(db => db.Subscriptions.Where(s => s.LocalAuthorityId == school.Commune.Id).Select(s => s.Id).SingleAsync());
        SubscriptionKit.AssertRedirect(await admin.SubmitAsync(SubscriptionKit.OverviewOf(school.Commune), [], $"#delete-{id}"));
        Assert.DoesNotContain(school.School.Id, await app.CoveredOnAsync(SchoolYears.StartsOn(next)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "subscription.delete" && e.TargetId == school.Commune.Id)));
    }
}
