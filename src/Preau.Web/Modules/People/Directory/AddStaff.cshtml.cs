using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Directory;

/// <summary>The director (or an administrator) gives a role in the school to a new or an existing adult.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class AddStaffModel(PreauDbContext db, ScopeAccess scopes, PeopleAccounts accounts) : PageModel
{
    public static readonly Role[] Roles = [Role.Teacher, Role.SchoolStaff, Role.Director];

    public sealed record ClassOption(Guid Id, string Name);

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public string SchoolName { get; private set; } = "";
    public IReadOnlyList<ClassOption> ClassOptions { get; private set; } = [];

    public sealed class StaffInput
    {
        [StringLength(256)]
        [Display(Name = "Identifiant existant")]
        public string? ExistingLogin { get; set; }

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

        [Display(Name = "Rôle")]
        public Role Role { get; set; } = Role.Teacher;

        [Display(Name = "Classe")]
        public Guid? ClassId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!Roles.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Choisissez un rôle dans la liste.");
        }
        if (Input.ClassId is { } classId && ClassOptions.All(c => c.Id != classId))
        {
            ModelState.AddModelError("Input.ClassId", "Choisissez une classe de l'école.");
        }
        if (Input.Role == Role.Teacher && Input.ClassId is null)
        {
            ModelState.AddModelError("Input.ClassId", "Choisissez la classe de l'enseignant.");
        }
        Guid? existingId = null;
        if (!string.IsNullOrWhiteSpace(Input.ExistingLogin))
        {
            var normalized = Input.ExistingLogin.Trim().ToUpperInvariant();
            existingId = await db.Users.Where(u => u.NormalizedUserName == normalized && !u.IsPupil).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (existingId is null)
            {
                ModelState.AddModelError("Input.ExistingLogin", "Aucun compte adulte ne porte cet identifiant.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Input.FirstName))
            {
                ModelState.AddModelError("Input.FirstName", "Saisissez le prénom (ou un identifiant existant).");
            }
            if (string.IsNullOrWhiteSpace(Input.LastName))
            {
                ModelState.AddModelError("Input.LastName", "Saisissez le nom (ou un identifiant existant).");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var yearId = await accounts.CurrentYearIdAsync(ct);
        var onClass = Input.Role != Role.Director && Input.ClassId is not null;
        var membership = new Membership
        {
            Role = Input.Role,
            ScopeType = onClass ? ScopeType.Class : ScopeType.School,
            ScopeId = onClass ? Input.ClassId : id,
            SchoolYearId = yearId,
        };
        if (existingId is { } personId)
        {
            var duplicate = await db.Memberships.AnyAsync(m => m.PersonId == personId && m.Role == membership.Role
                && m.ScopeType == membership.ScopeType && m.ScopeId == membership.ScopeId, ct);
            if (duplicate)
            {
                ModelState.AddModelError("Input.ExistingLogin", "Cette personne a déjà ce rôle.");
                return Page();
            }
            membership.PersonId = personId;
            db.Memberships.Add(membership);
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = "Le rôle a été ajouté.";
            return Redirect($"/ecole/{id}/annuaire");
        }
        var issued = await accounts.CreateAsync(Input.FirstName!, Input.LastName!, null, Input.Email, isPupil: false, [membership], ct: ct);
        PeopleAccounts.Keep(TempData, issued);
        return Redirect($"/personne/{issued.PersonId}/identifiants");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageSchoolAsync(id, ct))
        {
            return false;
        }
        var name = await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }
        SchoolName = name;
        ClassOptions = await (from c in db.Classes.AsNoTracking()
                              join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
                              where c.SchoolId == id && y.IsCurrent && !c.IsArchived
                              orderby c.Name
                              select new ClassOption(c.Id, c.Name)).ToListAsync(ct);
        return true;
    }
}
