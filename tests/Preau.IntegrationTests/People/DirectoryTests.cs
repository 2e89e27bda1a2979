using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.People;

/// <summary>
/// The directory (/annuaire): the people one may write to under the communication rules, by school, class
/// or group, searched by name; names, profiles and places only, never anyone's contact details.
/// </summary>
public sealed class DirectoryTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    private static async Task<List<string>> NamesAsync(UserSession session, string url)
    {
        var (status, doc) = await session.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. doc.QuerySelectorAll(".directory-entry .name strong").Select(e => e.TextContent.Trim())];
    }

    private static string Name(TestSchool s, string last) => $"Test{s.Tag} {last}";

    [DbFact]
    public async Task Pupil_SeesTheirTeacher_NotAPupilOfAnotherClass()
    {
        var school = await app.NewSchoolAsync();
        using var pupil = await SignInAsync(school.PupilA);
        var names = await NamesAsync(pupil, "/annuaire");
        Assert.Contains(Name(school, "EnseignantA"), names);
        Assert.DoesNotContain(Name(school, "EleveB"), names);
        Assert.DoesNotContain(Name(school, "EnseignantB"), names);
    }

    [DbFact]
    public async Task Parent_SeesTheirChildsTeacherAndDirector_WithAWriteLink()
    {
        var school = await app.NewSchoolAsync();
        using var parent = await SignInAsync(school.GuardianA);
        var (_, doc) = await parent.GetPageAsync("/annuaire");
        var names = doc.QuerySelectorAll(".directory-entry .name strong").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains(Name(school, "EnseignantA"), names);
        Assert.Contains(Name(school, "Directrice"), names);
        Assert.DoesNotContain(Name(school, "EleveB"), names);
        var teacher = doc.QuerySelector($".directory-entry[data-person='{school.TeacherA.Id}']")!;
        Assert.Equal($"/messagerie/nouveau?to={school.TeacherA.Id}", teacher.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(school.ClassA.Name, teacher.TextContent);
        Assert.Contains("Enseignant", teacher.TextContent);
    }

    [DbFact]
    public async Task Director_SearchesByName_AndNarrowsToAClass()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(school.Director);
        Assert.Equal([Name(school, "EleveA")], await NamesAsync(director, $"/annuaire?q=elevea&dans=s:{school.School.Id}"));
        Assert.Equal([Name(school, "EleveA")], await NamesAsync(director, $"/annuaire?q=Test{school.Tag}%20EleveA"));
        // The last name first finds the person too, as people often type it (ADR 0029).
        Assert.Equal([Name(school, "EleveA")], await NamesAsync(director, $"/annuaire?q=eleveA%20Test{school.Tag}"));

        var classA = await NamesAsync(director, $"/annuaire?dans=c:{school.ClassA.Id}");
        Assert.Equal([Name(school, "EleveA"), Name(school, "EnseignantA"), Name(school, "ParentA")], classA.Order().ToList());
        var whole = await NamesAsync(director, $"/annuaire?dans=s:{school.School.Id}");
        Assert.Contains(Name(school, "EleveB"), whole);
        Assert.Contains(Name(school, "EnseignantB"), whole);

        // Accented letters fold like the others on SQLite as on PostgreSQL, whichever case is typed, and a name typed
        // without its accents (as on a phone) finds it too (ADR 0027).
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == school.PupilB.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.LastName, "Élodie-Chloé")));
        foreach (var typed in new[] { "élodie-chloé", "ÉLODIE-CHLOÉ", "chloé", "elodie-chloe", "CHLOE", "Elodie" })
        {
            Assert.Equal([Name(school, "Élodie-Chloé")], await NamesAsync(director, $"/annuaire?q={Uri.EscapeDataString(typed)}&dans=s:{school.School.Id}"));
        }
    }

    [DbFact]
    public async Task ALargeClass_IsPaged_WithTheFilterKeptAcrossPages()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var pupil = new Preau.Web.Modules.People.Data.Person { FirstName = $"Test{school.Tag}", LastName = $"Eleve{i:00}", CreatedAt = DateTime.UtcNow };
                db.Persons.Add(pupil);
                db.Memberships.Add(new Preau.Web.Modules.People.Data.Membership
                {
                    PersonId = pupil.Id, Role = Preau.Web.Modules.People.Data.Role.Pupil, ScopeType = Preau.Web.Modules.People.Data.ScopeType.Class,
                    ScopeId = school.ClassA.Id, SchoolYearId = app.CurrentYearId,
                });
            }
            await db.SaveChangesAsync();
        });
        using var director = await SignInAsync(school.Director);
        var (_, first) = await director.GetPageAsync($"/annuaire?dans=c:{school.ClassA.Id}");
        Assert.Equal(25, first.QuerySelectorAll(".directory-entry").Length);
        Assert.Contains("33 personnes", UserSession.Text(first));
        var next = first.QuerySelector(".pager a")!.GetAttribute("href")!;
        Assert.Contains($"dans=c:{school.ClassA.Id}", Uri.UnescapeDataString(next));
        var second = await NamesAsync(director, next);
        Assert.Equal(8, second.Count);
        Assert.Contains(Name(school, "ParentA"), second);
    }

    [DbFact]
    public async Task AFilterOutsideOnesOwnSpaces_IsIgnored_AndRevealsNothing()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var parent = await SignInAsync(school.GuardianA);
        var names = await NamesAsync(parent, $"/annuaire?dans=c:{other.ClassA.Id}");
        Assert.DoesNotContain(Name(other, "EnseignantA"), names);
        Assert.Contains(Name(school, "EnseignantA"), names);
    }

    [DbFact]
    public async Task NoContactDetails_EverAppear_ForPupilsOrAdults()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Persons.Where(p => p.Id == school.PupilA.Id || p.Id == school.GuardianA.Id || p.Id == school.TeacherA.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Phone, "06 12 34 56 78"));
            await db.Users.Where(u => u.Id == school.TeacherA.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "enseignant@example.org"));
        });
        foreach (var who in new[] { school.Director, school.TeacherA, school.GuardianA, school.PupilA })
        {
            using var session = await SignInAsync(who);
            foreach (var url in new[] { "/annuaire", $"/annuaire?dans=c:{school.ClassA.Id}", "/annuaire?q=test" })
            {
                var html = await (await session.GetAsync(url)).Content.ReadAsStringAsync();
                Assert.Contains("directory-entry", html);
                Assert.DoesNotContain("06 12 34 56 78", html);
                Assert.DoesNotContain("example.org", html);
                Assert.DoesNotContain("mailto:", html);
                Assert.DoesNotContain("tel:", html);
            }
        }
    }
}
