using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Blogs.Data;

namespace Preau.IntegrationTests.Blogs;

/// <summary>The public school sheet: anyone reads it; the director writes hours and message, the commune's agents their zone.</summary>
public sealed class SchoolSheetTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    [DbFact]
    public async Task SchoolSheet_DirectorAndTownHallEditTheirParts_VisitorsReadItWithThePublicBlogsOnly()
    {
        var school = await app.NewSchoolAsync();
        var uai = school.School.Uai;
        using var director = await SignInAsync(school.Director);
        using var saved = await director.SubmitAsync($"/ecoles/{uai}/modifier", ("Hours", "Lundi, mardi, jeudi, vendredi : 8 h 30 – 16 h 30"), ("DirectorMessage", $"Bienvenue à l'école {school.Tag}"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var agent = await SignInAsync(school.Agent);
        using var townHall = await agent.SubmitAsync($"/ecoles/{uai}/mairie", ("TownHallInfo", "Cantine : inscriptions en mairie."));
        Assert.Equal(HttpStatusCode.Redirect, townHall.StatusCode);

        // Each edits only their part.
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetPageAsync($"/ecoles/{uai}/modifier")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetPageAsync($"/ecoles/{uai}/mairie")).Status);
        using var teacher = await SignInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetPageAsync($"/ecoles/{uai}/modifier")).Status);

        // A public class blog is listed, a private one is not.
        using var teacherSession = await SignInAsync(school.TeacherA);
        using var open = await teacherSession.GetAsync($"/classe/{school.ClassA.Id}/blog");
        var blogA = open.Headers.Location!.OriginalString;
        using var teacherB = await SignInAsync(school.TeacherB);
        using var openB = await teacherB.GetAsync($"/classe/{school.ClassB.Id}/blog");
        var blogB = openB.Headers.Location!.OriginalString;
        await app.WithDbAsync(db => db.Blogs.Where(b => "/blogs/" + b.Slug == blogA).ExecuteUpdateAsync(s => s.SetProperty(b => b.Visibility, BlogVisibility.Public)));

        using var anonymous = app.NewSession();
        var (status, page) = await anonymous.GetPageAsync($"/ecoles/{uai}");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(page);
        Assert.Contains("8 h 30 – 16 h 30", text);
        Assert.Contains($"Bienvenue à l'école {school.Tag}", text);
        Assert.Contains("Cantine : inscriptions en mairie.", text);
        Assert.NotNull(page.QuerySelector($"a[href='{blogA}']"));
        Assert.Null(page.QuerySelector($"a[href='{blogB}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync("/ecoles/0000000Z")).Status);
    }
}
