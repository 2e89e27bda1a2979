using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;

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

    [DbFact]
    public async Task Teacher_CreatesGroup_AddsMembers_PartnerGetsGroupMembership()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var partner = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = partner.Id, Role = Role.Partner, ScopeType = ScopeType.Territory });
            await db.SaveChangesAsync();
        });
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var created = await teacher.SubmitAsync("/groupes/nouveau", ("Input.Name", "Chorale " + school.Tag));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var groupId = Guid.Parse(url.Split('/')[2]);

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(url, [new("Input.Login", school.TeacherB.Login), new("Input.Role", "Moderator")], "#add-member")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(url, [new("Input.Login", partner.Login), new("Input.Role", "Contributor"), new("Input.EndsOn", "2099-06-30")], "#add-member")).StatusCode);
        var unknown = await teacher.SubmitAsync(url, [new("Input.Login", "personne.inconnue" + school.Tag)], "#add-member");
        Assert.Contains("Aucun compte ne porte cet identifiant.", await UserSession.TextAsync(unknown), StringComparison.Ordinal);

        var partnerMembership = await app.WithDbAsync(db => db.Memberships.AsNoTracking()
            .SingleAsync(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Group && m.ScopeId == groupId));
        Assert.Equal(Role.Partner, partnerMembership.Role);
        Assert.Equal(new DateOnly(2099, 6, 30), partnerMembership.EndsOn);

        using (var moderator = await app.SignedInAsync(school.TeacherB))
        {
            var (status, page) = await moderator.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotNull(page.QuerySelector("#add-member"));
        }
        using (var partnerSession = await app.SignedInAsync(partner))
        {
            var (status, page) = await partnerSession.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(page.QuerySelector("#add-member"));
            Assert.Equal(HttpStatusCode.NotFound, (await partnerSession.GetAsync("/groupes/nouveau")).StatusCode);
        }
        using (var outsider = await app.SignedInAsync(other.TeacherA))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        }

        var removed = await teacher.SubmitAsync(url, [], $"form[action*='handler=remove'][action*='personId={partner.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.PersonId == partner.Id)));
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == partner.Id && m.ScopeId == groupId)));
    }
}
