using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.TownHallRequests.Types;

/// <summary>A collectivité's request types (name, archived, who handles each) and whether its teachers may file requests.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(TownHallAccess access, TownHallDesk desk, TypeEditing editing) : PageModel
{
    public AuthorityDesk Authority { get; private set; } = null!;
    public IReadOnlyList<RequestType> Types { get; private set; } = [];
    public IReadOnlyList<AgentRow> Agents { get; private set; } = [];
    public ILookup<Guid, Guid> Handlers { get; private set; } = Array.Empty<Guid>().ToLookup(x => x, x => x);
    public bool TeachersMayFile { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.ForAuthorityAsync(id, ct) is not { } authority)
        {
            return NotFound();
        }
        Authority = authority;
        Types = await desk.TypesAsync(id, includeArchived: true, ct);
        Agents = await editing.AgentsAsync(id, ct);
        Handlers = await editing.HandlersAsync([.. Types.Select(t => t.Id)], ct);
        TeachersMayFile = await access.TeachersMayFileAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, bool teachersMayFile, CancellationToken ct)
    {
        if (await access.ForAuthorityAsync(id, ct) is not { } authority)
        {
            return NotFound();
        }
        await editing.SetTeachersMayFileAsync(id, teachersMayFile, authority.PersonId, ct);
        Notice = "Les réglages sont enregistrés.";
        return Redirect($"/collectivite/{id}/demandes/types");
    }

    public async Task<IActionResult> OnPostTypeAsync(Guid id, Guid typeId, string? name, bool archived, List<Guid> handlers, CancellationToken ct)
    {
        if (await access.ForAuthorityAsync(id, ct) is not { } authority)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            Error = "Donnez un nom au type (100 caractères au plus).";
        }
        else if (!await editing.UpdateAsync(id, typeId, name, archived, handlers, authority.PersonId, ct))
        {
            return NotFound();
        }
        else
        {
            Notice = "Le type de demande est enregistré.";
        }
        return Redirect($"/collectivite/{id}/demandes/types");
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? name, RequestCategory category, CancellationToken ct)
    {
        if (await access.ForAuthorityAsync(id, ct) is not { } authority)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 || !Enum.IsDefined(category))
        {
            Error = "Donnez un nom au type (100 caractères au plus).";
        }
        else
        {
            await editing.AddAsync(id, name, category, authority.PersonId, ct);
            Notice = "Le type de demande est ajouté.";
        }
        return Redirect($"/collectivite/{id}/demandes/types");
    }
}
