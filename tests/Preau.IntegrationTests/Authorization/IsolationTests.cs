using System.Net;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;

namespace Preau.IntegrationTests.Authorization;

/// <summary>Nobody reaches another school's people: directories, person pages, class settings, administration.</summary>
public sealed class IsolationTests(TestApp app)
{
    [DbFact]
    public async Task PeopleOfSchool1_CannotReachSchool2()
    {
        var school1 = await app.NewSchoolAsync();
        var school2 = await app.NewSchoolAsync();
        var urls = new[]
        {
            $"/classe/{school2.ClassA.Id}/annuaire",
            $"/classe/{school2.ClassB.Id}/annuaire",
            $"/ecole/{school2.School.Id}/annuaire",
            $"/personne/{school2.PupilA.Id}",
            $"/personne/{school2.TeacherA.Id}",
            $"/personne/{school2.PupilA.Id}/identifiants",
            $"/classe/{school2.ClassA.Id}/services",
            $"/classe/{school2.ClassA.Id}/eleves/ajouter",
            $"/ecole/{school2.School.Id}/personnels/ajouter",
        };
        foreach (var actor in new[] { school1.TeacherA, school1.GuardianA, school1.PupilA, school1.Agent, school1.Director, school1.Advisor })
        {
            using var session = await app.SignedInAsync(actor);
            foreach (var url in urls)
            {
                var response = await session.GetAsync(url);
                Assert.True(PeopleTestHelpers.IsRefused(response), $"{actor.Login} on {url}: {(int)response.StatusCode}");
            }
            var admin = await session.GetAsync("/admin/personnes");
            Assert.True(admin.StatusCode is HttpStatusCode.Forbidden
                || (admin.StatusCode == HttpStatusCode.Redirect && admin.Headers.Location?.OriginalString.Contains("/admin/personnes", StringComparison.Ordinal) != true),
                $"{actor.Login} on /admin/personnes: {(int)admin.StatusCode}");
            var forged = await session.PostWithTokenAsync($"/personne/{school2.PupilA.Id}?handler=reset");
            Assert.True(PeopleTestHelpers.IsRefused(forged), $"{actor.Login} resetting a school-2 pupil: {(int)forged.StatusCode}");
        }
    }

    [DbFact]
    public async Task LegitimateAccess_Works()
    {
        var school1 = await app.NewSchoolAsync();
        var school2 = await app.NewSchoolAsync();

        using (var teacher2 = await app.SignedInAsync(school2.TeacherA))
        {
            Assert.Equal(HttpStatusCode.OK, (await teacher2.GetAsync($"/classe/{school2.ClassA.Id}/annuaire")).StatusCode);
        }
        using (var advisor = await app.SignedInAsync(school1.Advisor))
        {
            var (status, page) = await advisor.GetPageAsync($"/ecole/{school1.School.Id}/annuaire");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Directrice", UserSession.Text(page), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync($"/classe/{school1.ClassA.Id}/annuaire")).StatusCode);
        }
        using (var agent = await app.SignedInAsync(school1.Agent))
        {
            var (status, page) = await agent.GetPageAsync($"/ecole/{school1.School.Id}/annuaire");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("EnseignantA", UserSession.Text(page), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/classe/{school1.ClassA.Id}/annuaire")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/personne/{school1.TeacherA.Id}")).StatusCode);
        }
        using (var director = await app.SignedInAsync(school1.Director))
        {
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/personne/{school1.GuardianA.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/personne/{school1.TeacherB.Id}")).StatusCode);
        }
    }
}
