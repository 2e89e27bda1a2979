using System.Net;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.People;

public sealed class AdminAndGroupTests(TestApp app)
{
    [DbFact]
    public async Task Admin_SearchesPeople_ByNameLoginAndRole()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var session = await app.SignedInAsync(admin);

        var (status, page) = await session.GetPageAsync($"/admin/personnes?q={school.Tag}");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(page);
        Assert.Contains(school.PupilA.Login, text, StringComparison.Ordinal);
        Assert.Contains(school.Director.Login, text, StringComparison.Ordinal);

        (_, page) = await session.GetPageAsync($"/admin/personnes?q={school.Tag}&role=Teacher");
        text = UserSession.Text(page);
        Assert.Contains(school.TeacherA.Login, text, StringComparison.Ordinal);
        Assert.DoesNotContain(school.PupilA.Login, text, StringComparison.Ordinal);

        (_, page) = await session.GetPageAsync($"/admin/personnes?q={school.PupilA.Login.ToUpperInvariant()}");
        Assert.Contains(school.PupilA.Login, UserSession.Text(page), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Admin_CreatesAdvisorOfADistrict_WhoCanReadItsSchools()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var session = await app.SignedInAsync(admin);

        var missing = await session.SubmitAsync("/admin/personnes/nouveau", ("Input.FirstName", "Iris"), ("Input.LastName", "Ien" + school.Tag), ("Input.Role", "Advisor"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choisissez la circonscription", await UserSession.TextAsync(missing), StringComparison.Ordinal);

        var created = await session.SubmitAsync("/admin/personnes/nouveau", ("Input.FirstName", "Iris"), ("Input.LastName", "Ien" + school.Tag),
            ("Input.Role", "Advisor"), ("Input.DistrictId", school.District.Id.ToString()));
        var (login, password, _) = await session.ReadCredentialsAsync(created);

        using var advisor = app.NewSession();
        await advisor.LoginAsync(login, password);
        await advisor.SubmitAsync("/compte/charte", ("accept", "true"));
        await advisor.SubmitAsync("/compte/mot-de-passe", ("Input.Current", password), ("Input.New", "Nouveau-Secret-42"), ("Input.Confirm", "Nouveau-Secret-42"));
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync($"/ecole/{school.School.Id}/annuaire")).StatusCode);
    }
}
