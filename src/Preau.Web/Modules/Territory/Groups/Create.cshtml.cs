using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Groups;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class CreateModel(PreauDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? OwnerLogin { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
    }

    public void OnGet()
    {
        // Nothing to load: the form starts empty.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Input.Name?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        var login = (Input.OwnerLogin ?? "").Trim().ToUpperInvariant();
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Name", l["Le nom est obligatoire (200 caractères au plus)."]);
        }
        if (description is { Length: > 2000 })
        {
            ModelState.AddModelError("Input.Description", l["La description compte 2 000 caractères au plus."]);
        }
        Guid? ownerId = null;
        if (login.Length == 0)
        {
            ModelState.AddModelError("Input.OwnerLogin", l["Indiquez l'identifiant du propriétaire du groupe."]);
        }
        else
        {
            ownerId = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == login && !u.IsPupil).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            if (ownerId is null)
            {
                ModelState.AddModelError("Input.OwnerLogin", l["Aucun compte adulte n'a l'identifiant {0}.", Input.OwnerLogin!.Trim()]);
            }
        }
        if (Input.StartsOn is { } start && Input.EndsOn is { } end && end < start)
        {
            ModelState.AddModelError("Input.EndsOn", l["La date de fin doit suivre la date de début."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var group = new Group { Name = name, Description = description, OwnerId = ownerId!.Value, StartsOn = Input.StartsOn, EndsOn = Input.EndsOn };
        db.Groups.Add(group);
        db.GroupMembers.Add(new GroupMember { GroupId = group.Id, PersonId = group.OwnerId, Role = GroupRole.Owner, StartsOn = Input.StartsOn, EndsOn = Input.EndsOn });
        await db.SaveChangesAsync();
        Saved = l["Groupe « {0} » créé. Ajoutez ses membres depuis son annuaire.", name];
        return RedirectToPage("Index", new { q = name });
    }
}
