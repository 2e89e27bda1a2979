using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Districts;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class EditModel(PreauDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid? Id { get; private set; }
    public bool IsArchived { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is null)
        {
            return Page();
        }
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id);
        if (district is null)
        {
            return NotFound();
        }
        Id = district.Id;
        IsArchived = district.IsArchived;
        Input = new InputModel { Name = district.Name, Code = district.Code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        District? district = null;
        if (id is not null)
        {
            district = await db.Districts.FirstOrDefaultAsync(d => d.Id == id);
            if (district is null)
            {
                return NotFound();
            }
            Id = district.Id;
            IsArchived = district.IsArchived;
        }
        var name = Input.Name?.Trim() ?? "";
        var code = string.IsNullOrWhiteSpace(Input.Code) ? null : Input.Code.Trim().ToUpperInvariant();
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Name", l["Le nom est obligatoire (200 caractères au plus)."]);
        }
        if (code is { Length: > 20 })
        {
            ModelState.AddModelError("Input.Code", l["Le code compte 20 caractères au plus."]);
        }
        if (ModelState.IsValid && await db.Districts.AnyAsync(d => d.Name == name && d.Id != id))
        {
            ModelState.AddModelError("Input.Name", l["Une circonscription porte déjà ce nom."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (district is null)
        {
            district = new District { Name = name };
            db.Districts.Add(district);
        }
        district.Name = name;
        district.Code = code;
        await db.SaveChangesAsync();
        Saved = l["Circonscription « {0} » enregistrée.", name];
        return Redirect($"/admin/circonscriptions/{district.Id}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archive)
    {
        var district = await db.Districts.FirstOrDefaultAsync(d => d.Id == id);
        if (district is null)
        {
            return NotFound();
        }
        district.IsArchived = archive;
        await db.SaveChangesAsync();
        Saved = archive ? l["Circonscription « {0} » archivée.", district.Name] : l["Circonscription « {0} » rétablie.", district.Name];
        return Redirect($"/admin/circonscriptions/{id}");
    }
}
