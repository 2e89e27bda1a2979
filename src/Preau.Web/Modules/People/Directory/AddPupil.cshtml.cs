using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Directory;

/// <summary>A teacher (or the director, or an administrator) adds a pupil: a person, an account with a simple password.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class AddPupilModel(PreauDbContext db, ScopeAccess scopes, PeopleAccounts accounts) : PageModel
{
    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public string ClassName { get; private set; } = "";

    public sealed class PupilInput
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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Input.BirthDate is { } b && (b > accounts.Today || b < accounts.Today.AddYears(-20)))
        {
            ModelState.AddModelError("Input.BirthDate", "La date de naissance n'est pas plausible.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var yearId = await db.Classes.Where(c => c.Id == id).Select(c => c.SchoolYearId).FirstAsync(ct);
        var issued = await accounts.CreateAsync(Input.FirstName, Input.LastName, Input.BirthDate, null, isPupil: true,
            [new Membership { Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = id, SchoolYearId = yearId }], ct: ct);
        PeopleAccounts.Keep(TempData, issued);
        return Redirect($"/personne/{issued.PersonId}/identifiants");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct))
        {
            return false;
        }
        ClassName = await db.Classes.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        return ClassName.Length > 0;
    }
}
