using System.Net;
using Preau.IntegrationTests.Forums;
using Preau.IntegrationTests.Homework;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.LiaisonBook;
using Preau.IntegrationTests.People;

namespace Preau.IntegrationTests.Home;

/// <summary>A service switched off for a class or a school is off everywhere (ADR 0028), not only hidden from the home page; nothing is lost.</summary>
public sealed class ServiceSwitchTests(TestApp app)
{
    private static readonly string[] ClassServices = ["annuaire", "blog", "liaison", "agenda", "competences", "cahier-de-textes", "quiz", "albums", "documents", "forum"];
    private const string OffSentence = "Ce service a été désactivé pour cet espace";

    private static Task<HttpResponseMessage> KeepOnlyAsync(UserSession manager, string settingsUrl, params string[] off) =>
        manager.SubmitAsync(settingsUrl, ClassServices.Except(off).Select(k => new KeyValuePair<string, string>("enabled", k)));

    [DbFact]
    public async Task Teacher_SwitchingClassServicesOff_ClosesTheirPagesForEveryone_AndSwitchingBackOnBringsEverythingBack()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var topic = await ForumTests.CreateTopicAsync(teacher, $"/classe/{school.ClassA.Id}/forum", "Sortie au musée " + school.Tag, "Qui vient ?");
        var work = "Poésie " + school.Tag;
        var entry = await HomeworkTests.WriteAsync(app, teacher, school.ClassA.Id, work);
        var note = await LiaisonBookTests.WriteNoteAsync(app, teacher, school.ClassA.Id, "Piscine " + school.Tag);
        using var parent = await app.SignedInAsync(school.GuardianA);
        Assert.Contains(work, UserSession.Text((await parent.GetPageAsync("/")).Document));

        var settings = $"/classe/{school.ClassA.Id}/services";
        Assert.Contains("n'est plus accessible à personne", UserSession.Text((await teacher.GetPageAsync(settings)).Document));
        Assert.Equal(HttpStatusCode.Redirect, (await KeepOnlyAsync(teacher, settings, "forum", "cahier-de-textes", "liaison")).StatusCode);

        // The family: the pages say why they are closed, the objects behind them are out of reach, the home page shows no work due.
        var forum = await parent.GetPageAsync($"/classe/{school.ClassA.Id}/forum");
        Assert.Equal(HttpStatusCode.NotFound, forum.Status);
        Assert.Contains(OffSentence, UserSession.Text(forum.Document));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/forum/sujet/{topic}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassA.Id}/liaison")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/liaison/{note}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/cahier-de-textes/{entry}")).StatusCode);
        var home = (await parent.GetPageAsync("/")).Document;
        Assert.DoesNotContain(work, UserSession.Text(home));
        Assert.Null(home.QuerySelector("a.service[data-service=forum]"));
        // The teacher too: off is off, writing included (the settings page turns it back on).
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/forum")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/liaison/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/cahier-de-textes")).StatusCode);
        // Someone outside the class learns nothing, not even that its forum is off.
        var outsider = await (await app.SignedInAsync((await app.NewSchoolAsync()).TeacherA)).GetPageAsync($"/classe/{school.ClassA.Id}/forum");
        Assert.Equal(HttpStatusCode.NotFound, outsider.Status);
        Assert.DoesNotContain(OffSentence, UserSession.Text(outsider.Document));
        // The other services of the class and the other class are untouched.
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/classe/{school.ClassA.Id}/albums")).StatusCode);
        using var otherTeacher = await app.SignedInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.OK, (await otherTeacher.GetAsync($"/classe/{school.ClassB.Id}/forum")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await KeepOnlyAsync(teacher, settings)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/forum/sujet/{topic}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/liaison/{note}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/cahier-de-textes/{entry}")).StatusCode);
        Assert.Contains(work, UserSession.Text((await parent.GetPageAsync("/")).Document));
    }

    [DbFact]
    public async Task Director_SwitchingAServiceOffForTheSchool_ClosesItInEveryClass_ButTheDirectoryStaysForThoseWhoManage()
    {
        var school = await app.NewSchoolAsync();
        using var director = await app.SignedInAsync(school.Director);
        Assert.Equal(HttpStatusCode.Redirect, (await KeepOnlyAsync(director, $"/ecole/{school.School.Id}/services", "albums", "agenda", "annuaire")).StatusCode);

        using var parent = await app.SignedInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassA.Id}/albums")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/ecole/{school.School.Id}/albums")).StatusCode);
        var agenda = await parent.GetPageAsync($"/classe/{school.ClassA.Id}/agenda");
        Assert.Equal(HttpStatusCode.NotFound, agenda.Status);
        Assert.Contains(OffSentence, UserSession.Text(agenda.Document));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassA.Id}/annuaire")).StatusCode);
        // The personal agenda is the person's own: never switched off.
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync("/agenda")).StatusCode);
        // The class's teacher and the director still manage the class's people on its directory page.
        using var teacher = await app.SignedInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/annuaire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/ecole/{school.School.Id}/annuaire")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/albums")).StatusCode);
    }
}
