using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents.Pages;

/// <summary>« Partagés avec moi »: the files and folders shared with the person or with one of their groups, newest first.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SharedWithMeModel(PreauDbContext db, AccessContext context, IServiceSwitches switches) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(Guid Id, bool IsFolder, string Name, bool CanEdit, string SharedBy, DateTime SharedAt);

    public Paged<Row> Items { get; private set; } = new([], 1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var me = a.PersonId;
        var groups = a.GroupIds.ToList();
        p = Math.Max(1, p);
        // Trashed items are left out (an item under a trashed folder still shows; opening it then answers 404).
        var shares = db.DocShares.AsNoTracking()
            .Where(s => s.PersonId == me || (s.GroupId != null && groups.Contains(s.GroupId.Value)))
            .Where(s => (s.FolderId != null && db.DocFolders.Any(f => f.Id == s.FolderId && f.TrashedAt == null))
                || (s.FileId != null && db.DocFiles.Any(f => f.Id == s.FileId && f.TrashedAt == null)));
        // Items of a space that switched its documents off are not listed (they would open on « service désactivé »).
        var off = await switches.SpacesOffAsync(ServiceKeys.Documents, ct);
        if (off.Count > 0)
        {
            shares = shares.Where(s => (s.FolderId != null && db.DocFolders.Any(f => f.Id == s.FolderId && !off.Contains(f.SpaceId)))
                || (s.FileId != null && db.DocFiles.Any(f => f.Id == s.FileId && !off.Contains(f.SpaceId))));
        }
        var total = await shares.CountAsync(ct);
        var rows = await shares.OrderByDescending(s => s.CreatedAt).Skip((p - 1) * PageSize).Take(PageSize)
            .Select(s => new
            {
                s.FolderId, s.FileId, s.CanEdit, s.CreatedAt,
                Folder = db.DocFolders.Where(f => f.Id == s.FolderId).Select(f => f.Name).FirstOrDefault(),
                File = db.DocFiles.Where(f => f.Id == s.FileId).Select(f => f.Name).FirstOrDefault(),
                By = db.Persons.Where(pe => pe.Id == s.CreatedById).Select(pe => pe.FirstName + " " + pe.LastName).FirstOrDefault(),
            }).ToListAsync(ct);
        Items = new Paged<Row>([.. rows.Select(r => new Row(r.FolderId ?? r.FileId!.Value, r.FolderId != null, r.Folder ?? r.File ?? "", r.CanEdit, r.By ?? "", r.CreatedAt))], p, PageSize, total);
        return Page();
    }
}
