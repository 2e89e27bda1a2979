using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Territory;

public sealed class ClassesTests(TestApp app)
{
    [DbFact]
    public async Task Director_CreatesMultiLevelClassInTheirSchool()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.Director.Login, school.Director.Password);

        var response = await session.SubmitAsync($"/ecole/{school.School.Id}/classes/nouvelle",
            ("Input.Name", "CE1-CE2"), ("Input.Levels", "Ce1"), ("Input.Levels", "Ce2"), ("Input.Scheme", "None"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.WithDbAsync(db => db.Classes.SingleAsync(c => c.SchoolId == school.School.Id && c.Name == "CE1-CE2"));
        Assert.Equal(Levels.Ce1 | Levels.Ce2, created.Levels);
        Assert.Equal(app.CurrentYearId, created.SchoolYearId);
        var (status, list) = await session.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(list);
        Assert.Contains("CE1-CE2", text);
        Assert.Contains("CE1, CE2", text);
        Assert.Contains("enregistrée", text);
    }

    [DbFact]
    public async Task Director_ArchivesAClass()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.Director.Login, school.Director.Password);

        var response = await session.SubmitAsync($"/ecole/{school.School.Id}/classes/{school.ClassB.Id}", [], "#archive-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Classes.Where(c => c.Id == school.ClassB.Id).Select(c => c.IsArchived).SingleAsync()));
        var (_, list) = await session.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("archivée", UserSession.Text(list));
    }

    [DbFact]
    public async Task ClassForm_WithoutLevel_KeepsNameAndExplains()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.Director.Login, school.Director.Password);

        var response = await session.SubmitAsync($"/ecole/{school.School.Id}/classes/nouvelle", ("Input.Name", "Classe sans niveau"), ("Input.Scheme", "Ulis"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Contains("Cochez au moins un niveau.", UserSession.Text(doc));
        Assert.Equal("Classe sans niveau", doc.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.NotNull(doc.QuerySelector("#Input_Scheme option[value='Ulis'][selected]"));
    }

    [DbFact]
    public async Task DirectorOfAnotherSchool_GetsNotFound()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.Director.Login, school.Director.Password);

        using var list = await session.GetAsync($"/ecole/{other.School.Id}/classes");
        using var edit = await session.GetAsync($"/ecole/{other.School.Id}/classes/{other.ClassA.Id}");
        using var own = await session.GetAsync($"/ecole/{school.School.Id}/classes");

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [DbFact]
    public async Task Admin_ReachesClassesFromSchoolPage()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);

        var (_, edit) = await session.GetPageAsync($"/admin/ecoles/{school.School.Id}");
        Assert.NotNull(edit.QuerySelector($"a[href='/ecole/{school.School.Id}/classes']"));
        var (status, classes) = await session.GetPageAsync($"/ecole/{school.School.Id}/classes");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.ClassA.Name, UserSession.Text(classes));
        Assert.Contains(school.ClassB.Name, UserSession.Text(classes));
    }

    [DbFact]
    public async Task TeacherParentAndPupil_CannotReachSchoolAdministration()
    {
        var school = await app.NewSchoolAsync();
        foreach (var who in new[] { school.TeacherA, school.GuardianA, school.PupilA })
        {
            using var session = app.NewSession();
            await session.LoginAsync(who.Login, who.Password);
            foreach (var url in new[] { "/admin/ecoles", $"/ecole/{school.School.Id}/classes", $"/ecole/{school.School.Id}/classes/nouvelle", "/admin" })
            {
                using var response = await session.GetAsync(url);
                Assert.True(IsRefused(response), $"{who.Login} on {url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    /// <summary>403 (or the access-denied page it redirects to) or 404.</summary>
    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/acces-refuse", StringComparison.Ordinal) == true);
}
