using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Persons;

/// <summary>
/// A person's page: visible to the person and to those who manage them (teachers of their class or of their
/// children's class, directors of their school, administrators), who can also edit, disable and reset.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, PeopleAccounts accounts,
    UserManager<PreauUser> users, Accounts.Lifecycle.AccountLifecycle lifecycle, ILogger<DetailsModel> logger) : PageModel
{
    public sealed record MembershipRow(Guid Id, Role Role, ScopeType ScopeType, Guid? ScopeId, string? ScopeName, string? Year, DateOnly? StartsOn, DateOnly? EndsOn);
    public sealed record LinkRow(Guid PersonId, string FirstName, string LastName, Relationship Relationship, bool HasParentalAuthority);
    public sealed record AccountState(string? Login, string? Email, bool IsPupil, bool IsDisabled, bool MustChangePassword, bool CharterAccepted, bool TwoFactor, DateTime? LastLoginAt, DateTimeOffset? LockoutEnd);

    [BindProperty]
    public IdentityInput Input { get; set; } = new();

    public string Name { get; private set; } = "";
    public bool CanManage { get; private set; }
    public bool IsSelf { get; private set; }
    /// <summary>Administrators record a GDPR request from here (« Demande RGPD »).</summary>
    public bool MayRecordGdpr { get; private set; }
    public bool IsLockedOut => Account?.LockoutEnd is { } end && end > accounts.Now;
    public AccountState? Account { get; private set; }
    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];
    public IReadOnlyList<LinkRow> Children { get; private set; } = [];
    public IReadOnlyList<LinkRow> Guardians { get; private set; } = [];
    public DateOnly? LeftOn { get; private set; }
    public DateOnly? DeleteOn { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public sealed class IdentityInput
    {
        [Required(ErrorMessage = "Saisissez le prénom.")]
        [StringLength(100)]
        [Display(Name = "Prénom")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Saisissez le nom.")]
        [StringLength(100)]
        [Display(Name = "Nom")]
        public string LastName { get; set; } = "";

        [Display(Name = "Date de naissance")]
        public DateOnly? BirthDate { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: false, ct))
        {
            return NotFound();
        }
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return NotFound();
        }
        Input = new IdentityInput { FirstName = person.FirstName, LastName = person.LastName, BirthDate = person.BirthDate };
        await LoadAsync(id, person, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct))
        {
            return NotFound();
        }
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return NotFound();
        }
        if (Input.BirthDate is { } b && b > accounts.Today)
        {
            ModelState.AddModelError("Input.BirthDate", "La date de naissance ne peut pas être dans le futur.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, person, ct);
            return Page();
        }
        person.FirstName = Input.FirstName.Trim();
        person.LastName = Input.LastName.Trim();
        person.BirthDate = Input.BirthDate;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Identity of {PersonId} edited", id);
        Notice = "Les informations ont été enregistrées.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) => await SetDisabledAsync(id, true, ct);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => await SetDisabledAsync(id, false, ct);

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct) || IsSelf)
        {
            return NotFound();
        }
        var issued = await accounts.ResetPasswordAsync(id);
        if (issued is null)
        {
            return NotFound();
        }
        PeopleAccounts.Keep(TempData, issued);
        return Redirect($"/personne/{id}/identifiants");
    }

    /// <summary>The person left the school: from today they reach only their data, deleted after the grace period.</summary>
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct) || IsSelf)
        {
            return NotFound();
        }
        if (!await lifecycle.MarkLeftAsync(id, context.PersonId, "director", ct))
        {
            return NotFound();
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} marked as left", id);
        Notice = "La personne est marquée comme partie : elle n'a plus accès qu'à ses données, qui seront supprimées à la fin du délai de conservation.";
        return RedirectToPage(new { id });
    }

    /// <summary>A lost phone: the person sets up two-factor authentication again at their next sign-in.</summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct) || IsSelf)
        {
            return NotFound();
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        logger.LogInformation("Two-factor authentication of {PersonId} reset", id);
        Notice = "La double authentification a été réinitialisée : la personne la configurera à nouveau à sa prochaine connexion.";
        return RedirectToPage(new { id });
    }

    /// <summary>Ends a temporary lockout after too many failed attempts (the person called the school).</summary>
    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct) || IsSelf)
        {
            return NotFound();
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Notice = "Le compte est débloqué.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, manage: true, ct) || IsSelf)
        {
            return NotFound();
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        user.IsDisabled = disabled;
        // A new security stamp ends the sessions already open.
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Account {PersonId} disabled: {Disabled}", id, disabled);
        Notice = disabled ? "Le compte a été désactivé : la personne ne peut plus se connecter." : "Le compte a été réactivé.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> AuthorizeAsync(Guid id, bool manage, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        IsSelf = access.PersonId == id;
        MayRecordGdpr = access.IsTerritoryAdmin;
        CanManage = await scopes.CanManagePersonAsync(id, ct) && await accounts.MayManageAccountAsync(access, id, ct);
        return CanManage || (!manage && IsSelf);
    }

    private async Task LoadAsync(Guid id, Person person, CancellationToken ct)
    {
        Name = person.DisplayName;
        (LeftOn, DeleteOn) = (person.LeftOn, person.DeleteOn);
        Account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new AccountState(u.UserName, u.Email, u.IsPupil, u.IsDisabled, u.MustChangePassword, u.CharterVersionAccepted > 0,
                u.TwoFactorEnabled, u.LastLoginAt, u.LockoutEnd))
            .FirstOrDefaultAsync(ct);
        Memberships = await (from m in db.Memberships.AsNoTracking()
                             where m.PersonId == id
                             join y in db.SchoolYears.AsNoTracking() on m.SchoolYearId equals y.Id into my
                             from y in my.DefaultIfEmpty()
                             orderby m.Role
                             select new MembershipRow(m.Id, m.Role, m.ScopeType, m.ScopeId,
                                 m.ScopeType == ScopeType.School ? db.Schools.Where(s => s.Id == m.ScopeId).Select(s => s.Name).FirstOrDefault()
                                 : m.ScopeType == ScopeType.Class ? db.Classes.Where(c => c.Id == m.ScopeId).Select(c => c.Name).FirstOrDefault()
                                 : m.ScopeType == ScopeType.District ? db.Districts.Where(d => d.Id == m.ScopeId).Select(d => d.Name).FirstOrDefault()
                                 : m.ScopeType == ScopeType.LocalAuthority ? db.LocalAuthorities.Where(a => a.Id == m.ScopeId).Select(a => a.Name).FirstOrDefault()
                                 : m.ScopeType == ScopeType.Group ? db.Groups.Where(g => g.Id == m.ScopeId).Select(g => g.Name).FirstOrDefault()
                                 : null,
                                 y == null ? null : y.Label, m.StartsOn, m.EndsOn)).ToListAsync(ct);
        Children = await (from l in db.GuardianLinks.AsNoTracking()
                          where l.GuardianId == id
                          join p in db.Persons.AsNoTracking() on l.PupilId equals p.Id
                          orderby p.FirstName
                          select new LinkRow(p.Id, p.FirstName, p.LastName, l.Relationship, l.HasParentalAuthority)).ToListAsync(ct);
        Guardians = await (from l in db.GuardianLinks.AsNoTracking()
                           where l.PupilId == id
                           join p in db.Persons.AsNoTracking() on l.GuardianId equals p.Id
                           orderby p.LastName, p.FirstName
                           select new LinkRow(p.Id, p.FirstName, p.LastName, l.Relationship, l.HasParentalAuthority)).ToListAsync(ct);
    }
}
