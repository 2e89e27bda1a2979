using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People;

/// <summary>A login and a password just generated, to show once to the person who created or reset the account.</summary>
public sealed record IssuedCredentials(Guid PersonId, string Login, string Password);

/// <summary>
/// Creates accounts (person + credentials) and resets passwords. Generated passwords are returned to the
/// page, shown once, and never logged.
/// </summary>
public sealed class PeopleAccounts(PreauDbContext db, UserManager<PreauUser> users, TimeProvider time, ILogger<PeopleAccounts> logger)
{
    public const string IssuedKey = "people:issued";

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => Platform.Time.ParisDate.Today(time);

    public Task<Guid?> CurrentYearIdAsync(CancellationToken ct = default) =>
        db.SchoolYears.Where(y => y.IsCurrent).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Adds a person and their account; <paramref name="memberships"/> and <paramref name="links"/> are saved
    /// in the same transaction. Pupils get a simple password, adults an initial one to replace at first login.
    /// </summary>
    public async Task<IssuedCredentials> CreateAsync(string firstName, string lastName, DateOnly? birthDate, string? email, bool isPupil,
        IEnumerable<Membership> memberships, IEnumerable<GuardianLink>? links = null, CancellationToken ct = default)
    {
        var person = new Person
        {
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            BirthDate = birthDate,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var login = await LoginNames.NextFreeAsync(db, person.FirstName, person.LastName, ct: ct);
        var password = isPupil ? PasswordPolicy.GeneratePupilPassword() : PasswordPolicy.GenerateAdultPassword();
        var user = new PreauUser
        {
            Id = person.Id,
            UserName = login,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            IsPupil = isPupil,
            MustChangePassword = !isPupil,
            CharterVersionAccepted = 0,
            LockoutEnabled = true,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Persons.Add(person);
        foreach (var m in memberships)
        {
            m.PersonId = person.Id;
            db.Memberships.Add(m);
        }
        foreach (var l in links ?? [])
        {
            if (l.GuardianId == Guid.Empty)
            {
                l.GuardianId = person.Id;
            }
            db.GuardianLinks.Add(l);
        }
        await db.SaveChangesAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account creation failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Account {PersonId} created (pupil: {IsPupil})", person.Id, isPupil);
        return new IssuedCredentials(person.Id, login, password);
    }

    /// <summary>
    /// A new password: simple for a pupil, an initial one to replace for an adult. The security stamp
    /// changes, so sessions opened with the old password end.
    /// </summary>
    public async Task<IssuedCredentials?> ResetPasswordAsync(Guid personId)
    {
        var user = await users.FindByIdAsync(personId.ToString());
        if (user is null)
        {
            return null;
        }
        var password = user.IsPupil ? PasswordPolicy.GeneratePupilPassword() : PasswordPolicy.GenerateAdultPassword();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = !user.IsPupil;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Password of {PersonId} reset", personId);
        return new IssuedCredentials(personId, user.UserName ?? "", password);
    }

    /// <summary>
    /// Whether the current person may act on this account (edit, reset, disable) on top of
    /// <see cref="ScopeAccess.CanManagePersonAsync"/>: a teacher manages pupils and parents, but not a parent
    /// who is also staff elsewhere; staff accounts are managed by the directors of every school they work in;
    /// territory-level accounts (administrators, support, advisors, agents, partners) only by administrators.
    /// </summary>
    public async Task<bool> MayManageAccountAsync(Access actor, Guid personId, CancellationToken ct = default)
    {
        if (actor.IsTerritoryAdmin)
        {
            return true;
        }
        var roles = await db.Memberships.AsNoTracking().Where(m => m.PersonId == personId && m.Role != Role.Pupil)
            .Select(m => new { m.Role, m.ScopeType, m.ScopeId }).ToListAsync(ct);
        if (roles.Any(r => r.Role is Role.TerritoryAdmin or Role.Level2Support or Role.Advisor or Role.MunicipalAgent or Role.Partner))
        {
            return false;
        }
        var staff = roles.Where(r => r.Role is Role.Teacher or Role.Director or Role.SchoolStaff).ToList();
        if (staff.Count == 0)
        {
            return true;
        }
        var directed = actor.DirectedSchoolIds.ToHashSet();
        if (directed.Count == 0)
        {
            return false;
        }
        var classIds = staff.Where(r => r.ScopeType == ScopeType.Class && r.ScopeId != null).Select(r => r.ScopeId!.Value).Distinct().ToList();
        var classSchools = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).Select(c => c.SchoolId).ToListAsync(ct);
        return classSchools.Count == classIds.Count && classSchools.All(directed.Contains)
            && staff.Where(r => r.ScopeType != ScopeType.Class).All(r => r.ScopeType == ScopeType.School && r.ScopeId is { } s && directed.Contains(s));
    }

    /// <summary>Keeps the credentials for the confirmation page, which shows them once (TempData is read once).</summary>
    public static void Keep(ITempDataDictionary tempData, IssuedCredentials issued) =>
        tempData[IssuedKey] = $"{issued.PersonId:N}\n{issued.Login}\n{issued.Password}";

    public static IssuedCredentials? Take(ITempDataDictionary tempData)
    {
        if (tempData[IssuedKey] is not string value)
        {
            return null;
        }
        var parts = value.Split('\n');
        return parts.Length == 3 && Guid.TryParse(parts[0], out var id) ? new IssuedCredentials(id, parts[1], parts[2]) : null;
    }
}
