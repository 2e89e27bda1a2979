using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents.Pages;

/// <summary>
/// The trash of a space, for its writers: what was put in it (a folder with all it contains), newest first, paged;
/// restore one item, or empty the trash for good (which frees the space's quota: trashed files still count).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TrashModel(PreauDbContext db, DocumentAccess access, DocumentActions actions, AccessContext context) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(Guid Id, bool IsFolder, string Name, DateTime TrashedAt);

    public DocSpace Space { get; private set; } = null!;
    public Guid Viewer { get; private set; }
    public Paged<Row> Items { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string SelfUrl => Space.Type == DocSpaceType.Person ? "/documents/corbeille" : Space.Url(Viewer) + "/corbeille";

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string? kind, Guid? id, int p = 1, CancellationToken ct = default) =>
        await LoadAsync(kind, id, p, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(string? kind, Guid? id, Guid item, bool folder, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, 1, ct))
        {
            return NotFound();
        }
        var inTrash = folder
            ? await db.DocFolders.AnyAsync(f => f.Id == item && f.SpaceType == Space.Type && f.SpaceId == Space.Id && f.TrashedAt != null, ct)
            : await db.DocFiles.AnyAsync(f => f.Id == item && f.SpaceType == Space.Type && f.SpaceId == Space.Id && f.TrashedAt != null, ct);
        if (!inTrash)
        {
            return NotFound();
        }
        if (folder)
        {
            await actions.RestoreFolderAsync(item, ct);
        }
        else
        {
            await actions.RestoreFileAsync(item, ct);
        }
        Notice = "L'élément a été restauré à sa place (ou à la racine si son dossier n'existe plus).";
        return Redirect(SelfUrl);
    }

    public async Task<IActionResult> OnPostEmptyAsync(string? kind, Guid? id, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, 1, ct))
        {
            return NotFound();
        }
        if (!confirm)
        {
            Errors = ["Cochez la case pour confirmer : les éléments de la corbeille seront supprimés définitivement."];
            return Page();
        }
        var n = await actions.EmptyTrashAsync(Space.Type, Space.Id, ct);
        Notice = n == 0 ? "La corbeille était déjà vide." : "La corbeille a été vidée.";
        return Redirect(SelfUrl);
    }

    private async Task<bool> LoadAsync(string? kind, Guid? id, int p, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        Viewer = a.PersonId;
        DocSpaceType type;
        Guid spaceId;
        if (kind is null)
        {
            (type, spaceId) = (DocSpaceType.Person, a.PersonId);
        }
        else if (BrowseModel.SpaceOf(kind) is { } scope && id is { } scopeId)
        {
            (type, spaceId) = (scope, scopeId);
        }
        else
        {
            return false;
        }
        if (!(await access.ForSpaceAsync(type, spaceId, ct)).Manage)
        {
            return false;
        }
        Space = new DocSpace(type, spaceId, type == DocSpaceType.Person ? "Mes documents" : await access.SpaceNameAsync(type, spaceId, ct));
        p = Math.Max(1, p);
        var folders = db.DocFolders.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.TrashedAt != null)
            .Select(f => new { f.Id, IsFolder = true, f.Name, TrashedAt = f.TrashedAt!.Value });
        var docs = db.DocFiles.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.TrashedAt != null)
            .Select(f => new { f.Id, IsFolder = false, f.Name, TrashedAt = f.TrashedAt!.Value });
        var all = folders.Concat(docs);
        var total = await all.CountAsync(ct);
        var rows = await all.OrderByDescending(r => r.TrashedAt).ThenBy(r => r.Name).Skip((p - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Items = new Paged<Row>([.. rows.Select(r => new Row(r.Id, r.IsFolder, r.Name, r.TrashedAt))], p, PageSize, total);
        return true;
    }
}
