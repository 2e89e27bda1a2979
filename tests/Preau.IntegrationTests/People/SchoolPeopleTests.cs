using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.People;

public sealed class SchoolPeopleTests(TestApp app)
{
    [DbFact]
    public async Task SchoolDirectory_ListsDirectorAndClassesWithTeachers_LinkedToClassDirectories()
    {
        var school = await app.NewSchoolAsync();
        using var parent = await app.SignedInAsync(school.GuardianA);
        var (status, page) = await parent.GetPageAsync($"/ecole/{school.School.Id}/annuaire");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(page);
        Assert.Contains("Directrice", text, StringComparison.Ordinal);
        Assert.Contains("EnseignantB", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/classe/{school.ClassA.Id}/annuaire']"));
        Assert.Null(page.QuerySelector("a[href$='/personnels/ajouter']"));
    }

    [DbFact]
    public async Task Director_AddsNewStaff_AndExistingAdult_ThenRemovesARole()
    {
        var school = await app.NewSchoolAsync();
        using var director = await app.SignedInAsync(school.Director);
        var url = $"/ecole/{school.School.Id}/personnels/ajouter";

        var missingClass = await director.SubmitAsync(url, ("Input.Role", "Teacher"), ("Input.FirstName", "Remi"), ("Input.LastName", "Remplacant" + school.Tag));
        Assert.Equal(HttpStatusCode.OK, missingClass.StatusCode);
        var doc = await PeopleTestHelpers.ParseAsync(missingClass);
        Assert.Contains("Choisissez la classe de l'enseignant.", UserSession.Text(doc), StringComparison.Ordinal);
        Assert.Equal("Remi", doc.QuerySelector("#Input_FirstName")?.GetAttribute("value"));

        var created = await director.SubmitAsync(url, ("Input.Role", "Teacher"), ("Input.ClassId", school.ClassB.Id.ToString()),
            ("Input.FirstName", "Remi"), ("Input.LastName", "Remplacant" + school.Tag));
        var (login, password, _) = await director.ReadCredentialsAsync(created);
        using (var newTeacher = app.NewSession())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await newTeacher.LoginAsync(login, password)).StatusCode);
        }

        var adult = await app.NewAdultAsync();
        var added = await director.SubmitAsync(url, ("Input.Role", "SchoolStaff"), ("Input.ExistingLogin", adult.Login));
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await UserSession.TextAsync(added));
        var membership = await app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.PersonId == adult.Id));
        Assert.Equal(Role.SchoolStaff, membership.Role);
        Assert.Equal(ScopeType.School, membership.ScopeType);
        Assert.Equal(school.School.Id, membership.ScopeId);

        // « Retirer ce rôle » asks first, naming the person and the role; nothing changes until « Oui ».
        var asked = await director.SubmitAsync($"/ecole/{school.School.Id}/annuaire", [], $"form[action*='membershipId={membership.Id}']");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await UserSession.DocumentAsync(asked);
        var name = await app.WithDbAsync(db => db.Persons.Where(p => p.Id == adult.Id).Select(p => p.FirstName + " " + p.LastName).SingleAsync());
        Assert.Equal($"Retirer ce rôle : {name}, Personnel d'école ?", question.QuerySelector("#confirm-removal h2")!.TextContent.Trim());
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == membership.Id)));
        var removed = await director.SubmitFormAsync(question, $"/ecole/{school.School.Id}/annuaire", [], "#confirm-removal form");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == membership.Id)));
        Assert.True(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.Id == adult.Id)));
    }

    [DbFact]
    public async Task Teacher_CannotAddStaff_NorRemoveRoles()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/ecole/{school.School.Id}/personnels/ajouter")).StatusCode);
        var membershipId = await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == school.TeacherB.Id).Select(m => m.Id).SingleAsync());
        var forged = await teacher.PostWithTokenAsync($"/ecole/{school.School.Id}/annuaire?handler=remove&membershipId={membershipId}&confirm=true");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == membershipId)));
    }

    [DbFact]
    public async Task Director_ResetsStaffPassword()
    {
        var school = await app.NewSchoolAsync();
        using var director = await app.SignedInAsync(school.Director);
        var response = await director.SubmitAsync($"/ecole/{school.School.Id}/annuaire", [], $"form[action='/personne/{school.TeacherB.Id}?handler=reset']");
        var (_, password, _) = await director.ReadCredentialsAsync(response);
        using var teacher = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.LoginAsync(school.TeacherB.Login, password)).StatusCode);
        Assert.Equal("/compte/mot-de-passe", (await teacher.GetAsync("/")).Headers.Location?.OriginalString);
    }
}
