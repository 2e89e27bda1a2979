using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Authorities;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class EditModel(PreauDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid? Id { get; private set; }
    public bool IsArchived { get; private set; }

    /// <summary>Communes that can belong to a groupement: the active ones and those already chosen.</summary>
    public IReadOnlyList<Choice> Communes { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public sealed record Choice(Guid Id, string Name, string? OfficialCode);

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public LocalAuthorityKind Kind { get; set; }
        public string? OfficialCode { get; set; }
        public List<Guid> MemberIds { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is not null)
        {
            var authority = await db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
            if (authority is null)
            {
                return NotFound();
            }
            Id = authority.Id;
            IsArchived = authority.IsArchived;
            Input = new InputModel
            {
                Name = authority.Name,
                Kind = authority.Kind,
                OfficialCode = authority.OfficialCode,
                MemberIds = await db.LocalAuthorityMembers.AsNoTracking().Where(m => m.GroupId == authority.Id).Select(m => m.MunicipalityId).ToListAsync(),
            };
        }
        await LoadCommunesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        LocalAuthority? authority = null;
        if (id is not null)
        {
            authority = await db.LocalAuthorities.FirstOrDefaultAsync(a => a.Id == id);
            if (authority is null)
            {
                return NotFound();
            }
            Id = authority.Id;
            IsArchived = authority.IsArchived;
        }
        var name = Input.Name?.Trim() ?? "";
        var code = string.IsNullOrWhiteSpace(Input.OfficialCode) ? null : Input.OfficialCode.Trim();
        var memberIds = Input.Kind == LocalAuthorityKind.MunicipalGroup ? Input.MemberIds.Distinct().ToList() : [];
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Name", l["Le nom est obligatoire (200 caractères au plus)."]);
        }
        if (!Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", l["Choisissez commune ou groupement."]);
        }
        if (code is { Length: > 20 })
        {
            ModelState.AddModelError("Input.OfficialCode", l["Le code officiel compte 20 caractères au plus."]);
        }
        if (memberIds.Count > 0)
        {
            var valid = await db.LocalAuthorities.CountAsync(a => memberIds.Contains(a.Id) && a.Kind == LocalAuthorityKind.Municipality && a.Id != id);
            if (valid != memberIds.Count)
            {
                ModelState.AddModelError("Input.MemberIds", l["Un groupement ne peut contenir que des communes."]);
            }
        }
        if (authority is not null && Input.Kind == LocalAuthorityKind.MunicipalGroup && authority.Kind == LocalAuthorityKind.Municipality
            && await db.LocalAuthorityMembers.AnyAsync(m => m.MunicipalityId == authority.Id))
        {
            ModelState.AddModelError("Input.Kind", l["Cette commune appartient à un groupement : retirez-la d'abord de ce groupement."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadCommunesAsync();
            return Page();
        }
        if (authority is null)
        {
            authority = new LocalAuthority { Name = name };
            db.LocalAuthorities.Add(authority);
        }
        authority.Name = name;
        authority.Kind = Input.Kind;
        authority.OfficialCode = code;
        var current = await db.LocalAuthorityMembers.Where(m => m.GroupId == authority.Id).ToListAsync();
        db.LocalAuthorityMembers.RemoveRange(current.Where(m => !memberIds.Contains(m.MunicipalityId)));
        db.LocalAuthorityMembers.AddRange(memberIds.Where(m => current.All(c => c.MunicipalityId != m))
            .Select(m => new LocalAuthorityMember { GroupId = authority.Id, MunicipalityId = m }));
        await db.SaveChangesAsync();
        Saved = l["Collectivité « {0} » enregistrée.", name];
        return Redirect($"/admin/collectivites/{authority.Id}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archive)
    {
        var authority = await db.LocalAuthorities.FirstOrDefaultAsync(a => a.Id == id);
        if (authority is null)
        {
            return NotFound();
        }
        authority.IsArchived = archive;
        await db.SaveChangesAsync();
        Saved = archive ? l["Collectivité « {0} » archivée.", authority.Name] : l["Collectivité « {0} » rétablie.", authority.Name];
        return Redirect($"/admin/collectivites/{id}");
    }

    private async Task LoadCommunesAsync()
    {
        var chosen = Input.MemberIds;
        Communes = await db.LocalAuthorities.AsNoTracking()
            .Where(a => a.Kind == LocalAuthorityKind.Municipality && a.Id != Id && (!a.IsArchived || chosen.Contains(a.Id)))
            .OrderBy(a => a.Name)
            .Select(a => new Choice(a.Id, a.Name, a.OfficialCode))
            .ToListAsync();
    }
}
