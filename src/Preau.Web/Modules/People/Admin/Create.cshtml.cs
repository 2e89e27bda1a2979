using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Admin;

/// <summary>
/// Administrators create the accounts no school creates: administrators, level-2 support, district advisors,
/// local-authority agents, partners. The initial password is shown once.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class CreateModel(PreauDbContext db, PeopleAccounts accounts) : PageModel
{
    public static readonly Role[] Roles = [Role.TerritoryAdmin, Role.Level2Support, Role.Advisor, Role.MunicipalAgent, Role.Partner];

    public sealed record Option(Guid Id, string Name);

    [BindProperty]
    public AdultInput Input { get; set; } = new();

    public IReadOnlyList<Option> Districts { get; private set; } = [];
    public IReadOnlyList<Option> Authorities { get; private set; } = [];

    public sealed class AdultInput
    {
        [Required(ErrorMessage = "Saisissez le prénom.")]
        [StringLength(100)]
        [Display(Name = "Prénom")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Saisissez le nom.")]
        [StringLength(100)]
        [Display(Name = "Nom")]
        public string LastName { get; set; } = "";

        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [StringLength(200)]
        [Display(Name = "Adresse électronique")]
        public string? Email { get; set; }

        [Display(Name = "Rôle")]
        public Role Role { get; set; } = Role.Advisor;

        [Display(Name = "Circonscription")]
        public Guid? DistrictId { get; set; }

        [Display(Name = "Collectivité")]
        public Guid? LocalAuthorityId { get; set; }

        [Display(Name = "Fin de l'accès")]
        public DateOnly? EndsOn { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Roles.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Choisissez un rôle dans la liste.");
        }
        if (Input.Role == Role.Advisor && (Input.DistrictId is not { } d || Districts.All(x => x.Id != d)))
        {
            ModelState.AddModelError("Input.DistrictId", "Choisissez la circonscription du conseiller.");
        }
        if (Input.Role == Role.MunicipalAgent && (Input.LocalAuthorityId is not { } a || Authorities.All(x => x.Id != a)))
        {
            ModelState.AddModelError("Input.LocalAuthorityId", "Choisissez la collectivité de l'agent.");
        }
        if (Input.EndsOn is { } end && end < accounts.Today)
        {
            ModelState.AddModelError("Input.EndsOn", "La date de fin est déjà passée.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (scope, scopeId) = Input.Role switch
        {
            Role.Advisor => (ScopeType.District, Input.DistrictId),
            Role.MunicipalAgent => (ScopeType.LocalAuthority, Input.LocalAuthorityId),
            _ => (ScopeType.Territory, (Guid?)null),
        };
        var membership = new Membership { Role = Input.Role, ScopeType = scope, ScopeId = scopeId, EndsOn = Input.EndsOn };
        var issued = await accounts.CreateAsync(Input.FirstName, Input.LastName, null, Input.Email, isPupil: false, [membership], ct: ct);
        PeopleAccounts.Keep(TempData, issued);
        return Redirect($"/personne/{issued.PersonId}/identifiants");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Districts = await db.Districts.AsNoTracking().Where(d => !d.IsArchived).OrderBy(d => d.Name)
            .Select(d => new Option(d.Id, d.Name)).ToListAsync(ct);
        Authorities = await db.LocalAuthorities.AsNoTracking().Where(a => !a.IsArchived).OrderBy(a => a.Name)
            .Select(a => new Option(a.Id, a.Name)).ToListAsync(ct);
    }
}
