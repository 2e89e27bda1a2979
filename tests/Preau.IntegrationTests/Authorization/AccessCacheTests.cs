using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Authorization;

/// <summary>
/// Each person's access is cached under the access stamp: the cache saves queries on every page, and a change of
/// memberships (by a page, a bulk delete or a plain save) is still seen on the very next request.
/// </summary>
public sealed class AccessCacheTests(TestApp app)
{
    [DbFact]
    public async Task CachedAccess_SavesQueries_AndAMembershipRemovedByTheDirector_IsRefusedOnTheNextRequest()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var url = $"/classe/{school.ClassA.Id}/annuaire";
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync(url)).StatusCode);
        var warm = await teacher.QueryCountAsync(url);

        // Any change of access data anywhere (here another school's pupil joins a class) raises the stamp: the next
        // request loads the access again (four queries more), the one after is cached again.
        var other = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = other.PupilA.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = other.ClassB.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
        });
        var cold = await CountOnceAsync(teacher, url);
        Assert.True(cold >= warm + 3, $"after a change: {cold} queries, warm: {warm}");

        // The director takes the teacher out of the class (a bulk delete): refused on the next request.
        using var director = await app.SignedInAsync(school.Director);
        var membershipId = await app.WithDbAsync(db => db.Memberships
            .Where(m => m.PersonId == school.TeacherA.Id && m.ScopeId == school.ClassA.Id && m.Role == Role.Teacher).Select(m => m.Id).SingleAsync());
        var removed = await director.PostWithTokenAsync($"/ecole/{school.School.Id}/annuaire?handler=remove&membershipId={membershipId}&confirm=true");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.True(PeopleTestHelpers.IsRefused(await teacher.GetAsync(url)));

        // Given back through a plain save: allowed again on the next request.
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = school.TeacherA.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync(url)).StatusCode);
    }

    private static async Task<int> CountOnceAsync(UserSession session, string url)
    {
        using var response = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timing = string.Join(',', response.Headers.GetValues("Server-Timing"));
        var match = System.Text.RegularExpressions.Regex.Match(timing, "db;desc=\"(\\d+) queries\"");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
