using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Subscriptions.Data;

namespace Preau.IntegrationTests.Subscriptions;

/// <summary>
/// An application and database of their own where the territory switches the read-only enforcement on: switching it
/// on in the shared application would turn every other test's unsubscribed school read-only.
/// </summary>
public sealed class EnforcingTerritory : IAsyncLifetime
{
    public TestApp App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        var admin = await App.SignInAsync(await App.NewAdminAsync());
        var response = await admin.SubmitAsync("/admin/abonnements", [new("enforce", "true")], "#enforcement");
        SubscriptionKit.AssertRedirect(response);
        Assert.True(await App.WithDbAsync(db => db.SubscriptionSettings.AnyAsync(s => s.EnforceReadOnly)));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Lapsed schools are read-only for their people (pages and API), readable, with a banner; covered ones and the territory's staff are not.</summary>
public sealed class ReadOnlySchoolTests(EnforcingTerritory territory) : IClassFixture<EnforcingTerritory>
{
    private readonly TestApp _app = territory.App;

    [Fact]
    public async Task LapsedSchool_IsReadableWithABanner_ButRefusesChanges_AndKeepsEverything()
    {
        var school = await _app.NewSchoolAsync();
        var teacher = await _app.SignInAsync(school.TeacherA);

        var (status, doc) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/quiz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.School.Name, doc.QuerySelector(".lapsed-banner")!.TextContent);

        var refused = await teacher.CreateQuizAsync(school.ClassA.Id, "Refusé " + school.Tag);
        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        Assert.Equal("/lecture-seule", refused.Headers.Location?.OriginalString);
        Assert.Equal(0, await _app.QuizCountAsync(school.ClassA.Id));
        var (_, explanation) = await teacher.GetPageAsync("/lecture-seule");
        Assert.Contains("n'a pas été enregistrée", explanation.QuerySelector("main")!.TextContent);

        // A family of the school sees the banner too; signing out still works.
        var guardian = await _app.SignInAsync(school.GuardianA);
        Assert.NotNull((await guardian.GetPageAsync("/")).Document.QuerySelector(".lapsed-banner"));
        var signOut = await guardian.SubmitAsync("/", [], "form[action='/deconnexion']");
        Assert.NotEqual("/lecture-seule", signOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LapsedSchool_ApiChanges_AnswerProblemDetails403()
    {
        var school = await _app.NewSchoolAsync();
        var teacher = await _app.SignInAsync(school.TeacherA);

        using var response = await teacher.Client.PostAsync("/api/v1/messaging/unread-count", new StringContent(""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lecture seule", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CoveredSchool_StaysWritable_WithoutBanner()
    {
        var school = await _app.NewSchoolAsync();
        var admin = await _app.SignInAsync(await _app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id));
        var teacher = await _app.SignInAsync(school.TeacherA);

        SubscriptionKit.AssertRedirect(await teacher.CreateQuizAsync(school.ClassA.Id, "Couvert " + school.Tag));

        Assert.Equal(1, await _app.QuizCountAsync(school.ClassA.Id));
        Assert.Null((await teacher.GetPageAsync("/")).Document.QuerySelector(".lapsed-banner"));
    }

    [Fact]
    public async Task ExpiredTrial_MakesTheSchoolReadOnly_WhileATrialUntilTodayStillCovers()
    {
        var expired = await _app.NewSchoolAsync();
        var today = await _app.NewSchoolAsync();
        var admin = await _app.SignInAsync(await _app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(expired.Commune.Id, trialStart: SubscriptionKit.Today.AddDays(-30), trialEnd: SubscriptionKit.Today.AddDays(-1)));
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(today.Commune.Id, trialStart: SubscriptionKit.Today.AddDays(-30), trialEnd: SubscriptionKit.Today));

        var lapsed = await (await _app.SignInAsync(expired.TeacherA)).CreateQuizAsync(expired.ClassA.Id, "Essai fini " + expired.Tag);
        var covered = await (await _app.SignInAsync(today.TeacherA)).CreateQuizAsync(today.ClassA.Id, "Essai en cours " + today.Tag);

        Assert.Equal(HttpStatusCode.SeeOther, lapsed.StatusCode);
        SubscriptionKit.AssertRedirect(covered);
        Assert.Equal((0, 1), (await _app.QuizCountAsync(expired.ClassA.Id), await _app.QuizCountAsync(today.ClassA.Id)));
    }

    [Fact]
    public async Task TerritoryStaff_AreNeverReadOnly_AndASubscriptionRecordedLaterLiftsItAtOnce()
    {
        var school = await _app.NewSchoolAsync();
        var teacher = await _app.SignInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.SeeOther, (await teacher.CreateQuizAsync(school.ClassA.Id, "Avant " + school.Tag)).StatusCode);

        // The administrator's own changes go through (recording the subscription is one).
        var admin = await _app.SignInAsync(await _app.NewAdminAsync());
        SubscriptionKit.AssertRedirect(await admin.SubscribeAsync(school.Commune.Id));

        SubscriptionKit.AssertRedirect(await teacher.CreateQuizAsync(school.ClassA.Id, "Après " + school.Tag));
        Assert.Equal(1, await _app.QuizCountAsync(school.ClassA.Id));
        Assert.Equal(SubscriptionKind.SchoolYear, await _app.WithDbAsync(db => db.Subscriptions.Where(s => s.LocalAuthorityId == school.Commune.Id).Select(s => s.Kind).SingleAsync()));
    }

    [Fact]
    public async Task LapsedSchool_StillRegistersForTraining_AndWritesToItsTownHall()
    {
        var school = await _app.NewSchoolAsync();
        var sessionId = await Training.TrainingTests.PublishAsync(_app, await _app.SignInAsync(school.Advisor), school, "Formation malgré tout " + school.Tag);
        var teacher = await _app.SignInAsync(school.TeacherA);
        var (_, form) = await teacher.GetPageAsync($"/formations/{sessionId}");
        var token = form.QuerySelector("#register input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var registered = await teacher.Client.PostAsync($"/formations/{sessionId}?handler=register",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.TrainingRegistrations.CountAsync(r => r.SessionId == sessionId)));

        var director = await _app.SignInAsync(school.Director);
        var requestId = await TownHallRequests.TownHallRequestTests.FileAsync(director, school,
            () => _app.WithDbAsync(db => db.TownHallTypes.Where(t => t.LocalAuthorityId == school.Commune.Id && t.Category == Web.Modules.TownHallRequests.Data.RequestCategory.Repair).Select(t => t.Id).FirstAsync()),
            "Fuite malgré tout " + school.Tag);
        Assert.True(await _app.WithDbAsync(db => db.TownHallRequests.AnyAsync(r => r.Id == requestId)));
        // The rest of the school stays read-only, and the explanation says what still works.
        Assert.Equal(HttpStatusCode.SeeOther, (await teacher.CreateQuizAsync(school.ClassA.Id, "Toujours refusé " + school.Tag)).StatusCode);
        Assert.Contains("vous inscrire aux formations", (await teacher.GetPageAsync("/lecture-seule")).Document.QuerySelector("main")!.TextContent);
    }
}
