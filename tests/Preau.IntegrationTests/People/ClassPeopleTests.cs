using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.People;

public sealed class ClassPeopleTests(TestApp app)
{
    [DbFact]
    public async Task Teacher_AddsPupil_CredentialsShownOnce_PupilCanLogIn()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);

        var response = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/eleves/ajouter",
            ("Input.FirstName", "Zoé"), ("Input.LastName", "Nouvelle" + school.Tag), ("Input.BirthDate", "2019-05-04"));
        var (login, password, url) = await teacher.ReadCredentialsAsync(response);
        Assert.Equal($"zoe.nouvelle{school.Tag}", login);

        // Shown once: reloading no longer shows the password.
        var (_, again) = await teacher.GetPageAsync(url);
        Assert.Null(again.QuerySelector("#issued-password"));
        Assert.DoesNotContain(password, again.Body!.InnerHtml, StringComparison.Ordinal);

        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == login));
        Assert.True(user.IsPupil);
        Assert.Null(user.Email);
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == user.Id && m.Role == Role.Pupil && m.ScopeId == school.ClassA.Id)));

        var (_, directory) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        Assert.Contains(login, UserSession.Text(directory), StringComparison.Ordinal);

        using var pupil = app.NewSession();
        var logged = await pupil.LoginAsync(login, password);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var home = await pupil.GetAsync("/");
        Assert.Equal("/compte/charte", home.Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task AddPupil_WithoutName_KeepsTypedValuesAndShowsErrors()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var response = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/eleves/ajouter", ("Input.FirstName", "Léon"), ("Input.LastName", ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await PeopleTestHelpers.ParseAsync(response);
        Assert.Contains("Saisissez le nom.", UserSession.Text(doc), StringComparison.Ordinal);
        Assert.Equal("Léon", doc.QuerySelector("#Input_FirstName")?.GetAttribute("value"));
    }

    [DbFact]
    public async Task AddPupil_WithATooLongNameAndAWrongDate_SaysSoInFrench_AndKeepsTheRest()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var response = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/eleves/ajouter",
            ("Input.FirstName", new string('a', 101)), ("Input.LastName", "Gardé" + school.Tag), ("Input.BirthDate", "pas une date"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await PeopleTestHelpers.ParseAsync(response);
        var text = UserSession.Text(doc);
        Assert.Contains("100 caractères au plus.", text, StringComparison.Ordinal);
        Assert.Contains("« pas une date » n'est pas une valeur possible ici.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The ", text, StringComparison.Ordinal);
        Assert.Equal("Gardé" + school.Tag, doc.QuerySelector("#Input_LastName")?.GetAttribute("value"));
        // The browser's own checks carry the same words.
        Assert.Equal("100 caractères au plus.", doc.QuerySelector("#Input_FirstName")?.GetAttribute("data-val-length"));
    }

    [DbFact]
    public async Task Teacher_AddsGuardian_GuardianGoesThroughCharterThenPasswordChange()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);

        var response = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/eleves/{school.PupilA.Id}/responsables/ajouter",
            ("Input.FirstName", "Paul"), ("Input.LastName", "Pere" + school.Tag), ("Input.Email", $"paul.{school.Tag}@example.org"),
            ("Input.Relationship", "Father"), ("Input.HasParentalAuthority", "true"));
        var (login, password, _) = await teacher.ReadCredentialsAsync(response);

        var link = await app.WithDbAsync(db => db.GuardianLinks.AsNoTracking().SingleAsync(l => l.PupilId == school.PupilA.Id && l.Relationship == Relationship.Father));
        Assert.True(link.HasParentalAuthority);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == link.GuardianId));
        Assert.True(user.MustChangePassword);
        Assert.False(user.IsPupil);

        var (_, directory) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        var text = UserSession.Text(directory);
        Assert.Contains("Paul Pere" + school.Tag, text, StringComparison.Ordinal);
        Assert.Contains("Père", text, StringComparison.Ordinal);

        using var guardian = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await guardian.LoginAsync(login, password)).StatusCode);
        Assert.Equal("/compte/charte", (await guardian.GetAsync("/")).Headers.Location?.OriginalString);
        await guardian.SubmitAsync("/compte/charte", ("accept", "true"));
        Assert.Equal("/compte/mot-de-passe", (await guardian.GetAsync("/")).Headers.Location?.OriginalString);
        var done = await guardian.SubmitAsync("/compte/mot-de-passe", ("Input.Current", password), ("Input.New", "Nouveau-Secret-42"), ("Input.Confirm", "Nouveau-Secret-42"));
        Assert.Equal("/", done.Headers.Location?.OriginalString);

        // The parent now sees the class directory with their child.
        var (status, page) = await guardian.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("EleveA", UserSession.Text(page), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Teacher_ResetsPupilPassword_OldFailsNewWorks()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        using var pupilBefore = await app.SignedInAsync(school.PupilA);

        var response = await teacher.SubmitAsync($"/personne/{school.PupilA.Id}", [], "#reset-password");
        var (login, password, _) = await teacher.ReadCredentialsAsync(response);
        Assert.Equal(school.PupilA.Login, login);
        Assert.NotEqual(school.PupilA.Password, password);

        using var old = app.NewSession();
        Assert.NotEqual(HttpStatusCode.Redirect, (await old.LoginAsync(school.PupilA.Login, school.PupilA.Password)).StatusCode);
        using var fresh = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync(school.PupilA.Login, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/")).StatusCode);
        // The session opened with the old password has ended.
        Assert.NotEqual(HttpStatusCode.OK, (await pupilBefore.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Teacher_ResetsGuardianPassword_InitialPasswordToChange()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var response = await teacher.SubmitAsync($"/personne/{school.GuardianA.Id}", [], "#reset-password");
        var (_, password, _) = await teacher.ReadCredentialsAsync(response);

        using var guardian = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await guardian.LoginAsync(school.GuardianA.Login, password)).StatusCode);
        Assert.Equal("/compte/mot-de-passe", (await guardian.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task TeacherRemovesAPupil_OnlyAfterConfirming_TheAccountAndFamilyStay()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var directory = $"/classe/{school.ClassA.Id}/annuaire";
        Task<int> MembershipsAsync() => app.WithDbAsync(db => db.Memberships.CountAsync(m => m.PersonId == school.PupilA.Id && m.ScopeId == school.ClassA.Id));

        var asked = await teacher.SubmitAsync(directory, [], $"form[action*='handler=remove'][action*='{school.PupilA.Id}']");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await UserSession.DocumentAsync(asked);
        var confirmation = question.QuerySelector("#confirm-removal")!;
        Assert.Contains($"Retirer de la classe : Test{school.Tag} EleveA ?", confirmation.TextContent);
        Assert.Equal("alert", confirmation.GetAttribute("role"));
        Assert.Equal(1, await MembershipsAsync());

        var done = await teacher.SubmitFormAsync(question, directory, [], "#confirm-removal form");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(0, await MembershipsAsync());
        var (_, after) = await teacher.GetPageAsync(directory);
        Assert.Contains("L'élève a été retiré de la classe. Son compte est conservé.", after.QuerySelector(".notice")!.TextContent);
        Assert.DoesNotContain($"Test{school.Tag} EleveA", after.QuerySelector("main")!.TextContent);
        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == school.PupilA.Id));
        Assert.False(account.IsDisabled);
        Assert.True(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.Id == school.PupilA.Id)));
        Assert.True(await app.WithDbAsync(db => db.GuardianLinks.AnyAsync(l => l.PupilId == school.PupilA.Id && l.GuardianId == school.GuardianA.Id)));
    }

    [DbFact]
    public async Task OtherTeacherOfTheSchool_CannotManagePupil_DirectorCan()
    {
        var school = await app.NewSchoolAsync();
        using var teacherB = await app.SignedInAsync(school.TeacherB);

        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/personne/{school.PupilA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/classe/{school.ClassA.Id}/eleves/ajouter")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/classe/{school.ClassA.Id}/eleves/{school.PupilA.Id}/responsables/ajouter")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/personne/{school.PupilA.Id}?handler=reset")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/personne/{school.PupilA.Id}?handler=disable")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/classe/{school.ClassA.Id}/annuaire?handler=remove&personId={school.PupilA.Id}&confirm=true")).StatusCode);
        // Teacher B still sees the names in class A's directory (same school) but no logins.
        var (status, page) = await teacherB.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(school.PupilA.Login, UserSession.Text(page), StringComparison.Ordinal);
        var stillThere = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == school.PupilA.Id));
        Assert.False(stillThere.IsDisabled);

        using var director = await app.SignedInAsync(school.Director);
        var response = await director.SubmitAsync($"/personne/{school.PupilA.Id}", [], "#reset-password");
        await director.ReadCredentialsAsync(response);
    }

    [DbFact]
    public async Task Director_DisablesAccount_SessionEndsAndLoginRefused()
    {
        var school = await app.NewSchoolAsync();
        using var pupil = await app.SignedInAsync(school.PupilA);
        using var director = await app.SignedInAsync(school.Director);
        var response = await director.SubmitAsync($"/personne/{school.PupilA.Id}", [], "#disable-account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == school.PupilA.Id).Select(u => u.IsDisabled).SingleAsync()));
        Assert.NotEqual(HttpStatusCode.OK, (await pupil.GetAsync("/")).StatusCode);
        using var again = app.NewSession();
        Assert.NotEqual(HttpStatusCode.Redirect, (await again.LoginAsync(school.PupilA.Login, school.PupilA.Password)).StatusCode);
    }

    [DbFact]
    public async Task Directory_IsPrivacyAware_ForParentsAndPupils()
    {
        var school = await app.NewSchoolAsync();
        // A classmate of pupil A with a guardian of their own.
        var classmate = new Person { FirstName = "Camarade" + school.Tag, LastName = "Classe", CreatedAt = DateTime.UtcNow };
        var otherParent = new Person { FirstName = "AutreParent" + school.Tag, LastName = "Classe", CreatedAt = DateTime.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Persons.AddRange(classmate, otherParent);
            db.Memberships.Add(new Membership { PersonId = classmate.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id });
            db.GuardianLinks.Add(new GuardianLink { GuardianId = otherParent.Id, PupilId = classmate.Id, Relationship = Relationship.Mother });
            await db.SaveChangesAsync();
        });

        using var parent = await app.SignedInAsync(school.GuardianA);
        var (status, page) = await parent.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(page);
        Assert.Contains("EnseignantA", text, StringComparison.Ordinal);
        Assert.Contains("EleveA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Camarade", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AutreParent", text, StringComparison.Ordinal);
        Assert.DoesNotContain(school.PupilA.Login, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassB.Id}/annuaire")).StatusCode);

        using var pupil = await app.SignedInAsync(school.PupilA);
        (status, page) = await pupil.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        Assert.Equal(HttpStatusCode.OK, status);
        text = UserSession.Text(page);
        Assert.Contains("Camarade", text, StringComparison.Ordinal);
        Assert.Contains("EnseignantA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AutreParent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ParentA", text, StringComparison.Ordinal);

        using var teacher = await app.SignedInAsync(school.TeacherA);
        (_, page) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/annuaire");
        text = UserSession.Text(page);
        Assert.Contains("AutreParent", text, StringComparison.Ordinal);
        Assert.Contains("ParentA", text, StringComparison.Ordinal);
        Assert.Contains(school.PupilA.Login, text, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Person_SeesOwnPage_ButCannotEditIt()
    {
        var school = await app.NewSchoolAsync();
        using var parent = await app.SignedInAsync(school.GuardianA);
        var (status, page) = await parent.GetPageAsync($"/personne/{school.GuardianA.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("EleveA", UserSession.Text(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#edit-identity"));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/personne/{school.PupilB.Id}")).StatusCode);
    }

    [DbFact]
    public async Task Teacher_EditsPupilIdentity()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var response = await teacher.SubmitAsync($"/personne/{school.PupilA.Id}",
            [new("Input.FirstName", "Renommé"), new("Input.LastName", "EleveA"), new("Input.BirthDate", "2019-02-03")], "#edit-identity");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await app.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == school.PupilA.Id));
        Assert.Equal("Renommé", person.FirstName);
        Assert.Equal(new DateOnly(2019, 2, 3), person.BirthDate);
    }
    [DbFact]
    public async Task Teacher_CannotResetParentWhoIsAlsoStaffElsewhere()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = school.GuardianA.Id, Role = Role.Director, ScopeType = ScopeType.School, ScopeId = other.School.Id });
            await db.SaveChangesAsync();
        });
        using var teacher = await app.SignedInAsync(school.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.PostWithTokenAsync($"/personne/{school.GuardianA.Id}?handler=reset")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.PostWithTokenAsync($"/personne/{school.GuardianA.Id}?handler=disable")).StatusCode);
        using var parent = await app.SignedInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync("/")).StatusCode);
    }
}
