using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Directory;

/// <summary>
/// Adds a guardian to a pupil of the class: a new adult account (initial password shown once, to replace at
/// first login), or a guardian already linked to a sibling in the same school.
/// </summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class AddGuardianModel(PreauDbContext db, ScopeAccess scopes, PeopleAccounts accounts) : PageModel
{
    public sealed record Sibling(Guid GuardianId, string FirstName, string LastName, string ChildFirstName);

    [BindProperty]
    public GuardianInput Input { get; set; } = new();

    public string ClassName { get; private set; } = "";
    public string PupilName { get; private set; } = "";
    public IReadOnlyList<Sibling> KnownGuardians { get; private set; } = [];

    public sealed class GuardianInput
    {
        /// <summary>An existing guardian (of a sibling), or empty for a new account.</summary>
        public Guid? ExistingId { get; set; }

        [StringLength(100)]
        [Display(Name = "Prénom")]
        public string? FirstName { get; set; }

        [StringLength(100)]
        [Display(Name = "Nom")]
        public string? LastName { get; set; }

        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [StringLength(200)]
        [Display(Name = "Adresse électronique")]
        public string? Email { get; set; }

        [Display(Name = "Lien")]
        public Relationship Relationship { get; set; } = Relationship.Mother;

        [Display(Name = "Autorité parentale")]
        public bool HasParentalAuthority { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(Guid classId, Guid pupilId, CancellationToken ct) =>
        await LoadAsync(classId, pupilId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid classId, Guid pupilId, CancellationToken ct)
    {
        if (!await LoadAsync(classId, pupilId, ct))
        {
            return NotFound();
        }
        if (Input.ExistingId is { } existing)
        {
            if (KnownGuardians.All(g => g.GuardianId != existing))
            {
                ModelState.AddModelError("Input.ExistingId", "Choisissez un responsable dans la liste.");
            }
            else if (await db.GuardianLinks.AnyAsync(l => l.GuardianId == existing && l.PupilId == pupilId, ct))
            {
                ModelState.AddModelError("Input.ExistingId", "Ce responsable est déjà rattaché à l'élève.");
            }
            if (!ModelState.IsValid)
            {
                return Page();
            }
            db.GuardianLinks.Add(new GuardianLink { GuardianId = existing, PupilId = pupilId, Relationship = Input.Relationship, HasParentalAuthority = Input.HasParentalAuthority });
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = "Le responsable a été rattaché à l'élève.";
            return Redirect($"/classe/{classId}/annuaire");
        }
        if (string.IsNullOrWhiteSpace(Input.FirstName))
        {
            ModelState.AddModelError("Input.FirstName", "Saisissez le prénom.");
        }
        if (string.IsNullOrWhiteSpace(Input.LastName))
        {
            ModelState.AddModelError("Input.LastName", "Saisissez le nom.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var issued = await accounts.CreateAsync(Input.FirstName!, Input.LastName!, null, Input.Email, isPupil: false, [],
            [new GuardianLink { PupilId = pupilId, Relationship = Input.Relationship, HasParentalAuthority = Input.HasParentalAuthority }], ct);
        PeopleAccounts.Keep(TempData, issued);
        return Redirect($"/personne/{issued.PersonId}/identifiants");
    }

    private async Task<bool> LoadAsync(Guid classId, Guid pupilId, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(classId, ct))
        {
            return false;
        }
        var found = await (from m in db.Memberships.AsNoTracking()
                           where m.PersonId == pupilId && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId
                           join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                           join c in db.Classes.AsNoTracking() on classId equals c.Id
                           select new { p.FirstName, p.LastName, Class = c.Name, c.SchoolId }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }
        ClassName = found.Class;
        PupilName = $"{found.FirstName} {found.LastName}";
        // Guardians of other pupils of the same school who share the pupil's last name: likely siblings.
        var schoolClasses = db.Classes.Where(c => c.SchoolId == found.SchoolId).Select(c => (Guid?)c.Id);
        KnownGuardians = await (from m in db.Memberships.AsNoTracking()
                                where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && schoolClasses.Contains(m.ScopeId) && m.PersonId != pupilId
                                join child in db.Persons.AsNoTracking() on m.PersonId equals child.Id
                                where child.LastName == found.LastName
                                join l in db.GuardianLinks.AsNoTracking() on child.Id equals l.PupilId
                                join g in db.Persons.AsNoTracking() on l.GuardianId equals g.Id
                                orderby g.LastName, g.FirstName
                                select new Sibling(g.Id, g.FirstName, g.LastName, child.FirstName)).Distinct().ToListAsync(ct);
        return true;
    }
}
