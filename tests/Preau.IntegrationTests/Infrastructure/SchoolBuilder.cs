using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Infrastructure;

public sealed record TestAccount(Guid Id, string Login, string Password, string? Email = null, string? AuthenticatorKey = null);

/// <summary>
/// A school of its own for one test: its district and commune, two classes (A and B) with a teacher each,
/// a director, a pupil per class, a guardian of pupil A, the commune's agent and the district's advisor.
/// Names carry a random tag so that nothing collides with other tests running at the same time.
/// </summary>
public sealed class TestSchool
{
    public required string Tag { get; init; }
    public required District District { get; init; }
    public required LocalAuthority Commune { get; init; }
    public required School School { get; init; }
    public required SchoolClass ClassA { get; init; }
    public required SchoolClass ClassB { get; init; }
    public required TestAccount Director { get; init; }
    public required TestAccount TeacherA { get; init; }
    public required TestAccount TeacherB { get; init; }
    public required TestAccount PupilA { get; init; }
    public required TestAccount PupilB { get; init; }
    public required TestAccount GuardianA { get; init; }
    public required TestAccount Agent { get; init; }
    public required TestAccount Advisor { get; init; }
}

public static class SchoolBuilder
{
    private static int _uaiCounter = RandomNumberGenerator.GetInt32(1_000_000, 8_000_000);

    public static string NewTag() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public static async Task<TestSchool> NewSchoolAsync(this TestApp app)
    {
        var tag = NewTag();
        var district = new District { Name = $"Circonscription {tag}" };
        var commune = new LocalAuthority { Name = $"Commune {tag}", Kind = LocalAuthorityKind.Municipality };
        var digits = Interlocked.Increment(ref _uaiCounter).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var school = new School { Uai = Uai.Complete(digits), Name = $"École {tag}", DistrictId = district.Id, LocalAuthorityId = commune.Id, Type = SchoolType.Primaire };
        var classA = new SchoolClass { SchoolId = school.Id, SchoolYearId = app.CurrentYearId, Name = $"CP {tag}", Levels = Levels.Cp };
        var classB = new SchoolClass { SchoolId = school.Id, SchoolYearId = app.CurrentYearId, Name = $"CM2 {tag}", Levels = Levels.Cm2 };
        var people = new PeopleBatch(app, tag);
        var director = people.Adult("Directrice");
        var teacherA = people.Adult("EnseignantA");
        var teacherB = people.Adult("EnseignantB");
        var pupilA = people.Pupil("EleveA");
        var pupilB = people.Pupil("EleveB");
        var guardianA = people.Adult("ParentA", email: true);
        var agent = people.Adult("Agent");
        var advisor = people.Adult("Conseiller");
        people.Member(director, Role.Director, ScopeType.School, school.Id);
        people.Member(teacherA, Role.Teacher, ScopeType.Class, classA.Id);
        people.Member(teacherB, Role.Teacher, ScopeType.Class, classB.Id);
        people.Member(pupilA, Role.Pupil, ScopeType.Class, classA.Id);
        people.Member(pupilB, Role.Pupil, ScopeType.Class, classB.Id);
        people.Member(agent, Role.MunicipalAgent, ScopeType.LocalAuthority, commune.Id);
        people.Member(advisor, Role.Advisor, ScopeType.District, district.Id);
        people.Links.Add(new GuardianLink { GuardianId = guardianA.Id, PupilId = pupilA.Id, Relationship = Relationship.Mother });

        await app.WithDbAsync(async db =>
        {
            db.Districts.Add(district);
            db.LocalAuthorities.Add(commune);
            db.Schools.Add(school);
            db.Classes.AddRange(classA, classB);
            await people.SaveAsync(db);
        });
        return new TestSchool
        {
            Tag = tag, District = district, Commune = commune, School = school, ClassA = classA, ClassB = classB,
            Director = director, TeacherA = teacherA, TeacherB = teacherB, PupilA = pupilA, PupilB = pupilB,
            GuardianA = guardianA, Agent = agent, Advisor = advisor,
        };
    }

    /// <summary>A départemental administrator with two-factor authentication already set up.</summary>
    public static async Task<TestAccount> NewAdminAsync(this TestApp app, Role role = Role.TerritoryAdmin, bool withTwoFactor = true)
    {
        var people = new PeopleBatch(app, NewTag());
        var admin = people.Adult("Admin", email: true);
        people.Member(admin, role, ScopeType.Territory, null);
        string? key = null;
        if (withTwoFactor)
        {
            key = OtpNet.Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
            people.Users[^1].TwoFactorEnabled = true;
            people.Tokens.Add(new IdentityUserToken<Guid> { UserId = admin.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key });
        }
        await app.WithDbAsync(people.SaveAsync);
        return admin with { AuthenticatorKey = key };
    }

    /// <summary>A partner account of the territory (created by an administrator), in no class or group yet.</summary>
    public static async Task<TestAccount> NewPartnerAsync(this TestApp app)
    {
        var people = new PeopleBatch(app, NewTag());
        var partner = people.Adult("Partenaire", email: true);
        people.Member(partner, Role.Partner, ScopeType.Territory, null);
        await app.WithDbAsync(people.SaveAsync);
        return partner;
    }

    /// <summary>One adult account with no role yet, in the state chosen by the test.</summary>
    public static async Task<TestAccount> NewAdultAsync(this TestApp app, Action<PreauUser>? configure = null, bool email = true)
    {
        var people = new PeopleBatch(app, NewTag());
        var adult = people.Adult("Adulte", email);
        configure?.Invoke(people.Users[^1]);
        await app.WithDbAsync(people.SaveAsync);
        return adult;
    }
}

/// <summary>Persons, accounts and memberships added together; passwords share the fixture's precomputed hashes.</summary>
internal sealed class PeopleBatch(TestApp app, string tag)
{
    public List<Person> Persons { get; } = [];
    public List<PreauUser> Users { get; } = [];
    public List<Membership> Memberships { get; } = [];
    public List<GuardianLink> Links { get; } = [];
    public List<IdentityUserToken<Guid>> Tokens { get; } = [];

    public TestAccount Adult(string lastName, bool email = false) => Add($"Test{tag}", lastName, pupil: false, email);

    public TestAccount Pupil(string lastName) => Add($"Test{tag}", lastName, pupil: true, email: false);

    private TestAccount Add(string first, string last, bool pupil, bool email)
    {
        var person = new Person { FirstName = first, LastName = last, CreatedAt = DateTime.UtcNow };
        var login = $"{first}.{last}".ToLowerInvariant();
        var mail = email ? $"{login}@example.org" : null;
        Persons.Add(person);
        Users.Add(new PreauUser
        {
            Id = person.Id,
            UserName = login,
            NormalizedUserName = login.ToUpperInvariant(),
            Email = mail,
            NormalizedEmail = mail?.ToUpperInvariant(),
            PasswordHash = pupil ? app.PupilHash : app.AdultHash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            IsPupil = pupil,
            // Accepted every charter version: tests that publish a new charter do not disturb the others.
            CharterVersionAccepted = 1_000_000,
        });
        return new TestAccount(person.Id, login, pupil ? TestApp.PupilPassword : TestApp.AdultPassword, mail);
    }

    public void Member(TestAccount who, Role role, ScopeType scope, Guid? scopeId) =>
        Memberships.Add(new Membership { PersonId = who.Id, Role = role, ScopeType = scope, ScopeId = scopeId, SchoolYearId = app.CurrentYearId });

    public async Task SaveAsync(Preau.Web.Platform.Data.PreauDbContext db)
    {
        db.Persons.AddRange(Persons);
        db.Users.AddRange(Users);
        db.Memberships.AddRange(Memberships);
        db.GuardianLinks.AddRange(Links);
        db.UserTokens.AddRange(Tokens);
        await db.SaveChangesAsync();
    }
}
