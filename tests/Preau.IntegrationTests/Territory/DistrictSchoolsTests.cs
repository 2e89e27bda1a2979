using System.Net;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Territory;

/// <summary>The advisors' view of their circonscription: its schools, their size and how many guardians came.</summary>
public sealed class DistrictSchoolsTests(TestApp app)
{
    private async Task<School> AddSchoolAsync(TestSchool school, string name, bool archived = false)
    {
        var digits = System.Security.Cryptography.RandomNumberGenerator.GetInt32(8_000_000, 9_999_999).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var other = new School { Uai = Uai.Complete(digits), Name = name, DistrictId = school.District.Id, LocalAuthorityId = school.Commune.Id, IsArchived = archived };
        await app.WithDbAsync(async db =>
        {
            db.Schools.Add(other);
            await db.SaveChangesAsync();
        });
        return other;
    }

    [DbFact]
    public async Task Advisor_SeesEachSchoolOfTheCirconscription_WithDirectorSizeAndGuardiansSignedIn_FromTheHomePage()
    {
        var school = await app.NewSchoolAsync();
        // Pupil B's family has an account but has never signed in; pupil A's mother signs in below.
        var people = new PeopleBatch(app, school.Tag);
        var fatherB = people.Adult("ParentB");
        people.Links.Add(new GuardianLink { GuardianId = fatherB.Id, PupilId = school.PupilB.Id, Relationship = Relationship.Father });
        await app.WithDbAsync(people.SaveAsync);
        using (await app.SignedInAsync(school.GuardianA))
        {
        }
        var empty = await AddSchoolAsync(school, $"Aaa école sans classe {school.Tag}");
        await AddSchoolAsync(school, $"École fermée {school.Tag}", archived: true);

        using var advisor = await app.SignedInAsync(school.Advisor);
        var (_, home) = await advisor.GetPageAsync("/");
        var link = home.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Contains("Écoles de la circonscription"));
        Assert.NotNull(link);
        Assert.Equal($"/circonscription/{school.District.Id}", link.GetAttribute("href"));

        var (status, page) = await advisor.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.District.Name, page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("#schools tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(empty.Name, rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal(["—", "0", "0", "0 / 0 (0 %)"], rows[0].QuerySelectorAll("td").Take(4).Select(c => c.TextContent.Trim()).ToArray());
        var row = rows[1];
        Assert.Contains(school.School.Name, row.QuerySelector("th")!.TextContent);
        Assert.Contains(school.School.Uai, row.QuerySelector("th")!.TextContent);
        Assert.Equal([$"Test{school.Tag} Directrice", "2", "2", "1 / 2 (50 %)"], row.QuerySelectorAll("td").Take(4).Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal("2 écoles · 2 classes · 2 élèves · Responsables connectés : 1 / 2", page.QuerySelector("p.hint")!.TextContent.Trim());
        Assert.DoesNotContain($"École fermée {school.Tag}", page.Body!.TextContent);
        var hrefs = row.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/ecoles/{school.School.Uai}", $"/ecole/{school.School.Id}/annuaire", $"/statistiques/ecole/{school.School.Id}"], hrefs);
        foreach (var href in hrefs)
        {
            using var response = await advisor.GetAsync(href!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The list's queries do not grow with its schools.
        var before = await advisor.QueryCountAsync($"/circonscription/{school.District.Id}");
        for (var i = 0; i < 3; i++)
        {
            await AddSchoolAsync(school, $"École {i} {school.Tag}");
        }
        Assert.Equal(before, await advisor.QueryCountAsync($"/circonscription/{school.District.Id}"));
    }

    [DbFact]
    public async Task AnotherCirconscriptionsAdvisor_ItsSchoolsDirector_AndAParent_Get404_TheAdministratorReachesItFromTheCirconscription()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var url = $"/circonscription/{school.District.Id}";
        foreach (var who in new[] { other.Advisor, school.Director, school.GuardianA, school.Agent })
        {
            using var session = await app.SignedInAsync(who);
            using var response = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var anonymous = app.NewSession())
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/connexion", response.Headers.Location!.OriginalString);
        }
        using var admin = await app.SignedInAsync(await app.NewAdminAsync());
        var (_, edit) = await admin.GetPageAsync($"/admin/circonscriptions/{school.District.Id}");
        Assert.NotNull(edit.QuerySelector($"a[href='{url}']"));
        var (status, page) = await admin.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.School.Name, page.QuerySelector("#schools")!.TextContent);
    }
}
