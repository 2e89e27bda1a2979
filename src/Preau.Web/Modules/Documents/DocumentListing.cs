using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>One page of a folder's content, shared by the page and <c>bench documents</c> so that the bench times the page's queries.</summary>
public static class DocumentListing
{
    public sealed record Row(Guid Id, bool IsFolder, string Name, string? ContentType, long Size, DateTime UpdatedAt);

    /// <summary>
    /// Folders first, then files, each sorted by <paramref name="sort"/> ("nom", "date", "taille"); a page may hold the
    /// last folders and the first files. Two counts and at most two bounded reads, whatever the size of the folder
    /// (indexed on space, folder and name).
    /// </summary>
    public static async Task<Paged<Row>> PageAsync(PreauDbContext db, DocSpaceType type, Guid spaceId, Guid? parentId, string sort, int p, int pageSize, CancellationToken ct = default)
    {
        var folders = db.DocFolders.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.ParentId == parentId && f.TrashedAt == null);
        var docs = db.DocFiles.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.FolderId == parentId && f.TrashedAt == null);
        var folderCount = await folders.CountAsync(ct);
        var fileCount = await docs.CountAsync(ct);
        var skip = (p - 1) * pageSize;
        var rows = new List<Row>();
        if (skip < folderCount)
        {
            var ordered = sort == "date" ? folders.OrderByDescending(f => f.UpdatedAt).ThenBy(f => f.Name) : folders.OrderBy(f => f.Name).ThenBy(f => f.Id);
            rows.AddRange(await ordered.Skip(skip).Take(pageSize)
                .Select(f => new Row(f.Id, true, f.Name, null, 0, f.UpdatedAt)).ToListAsync(ct));
        }
        if (rows.Count < pageSize && fileCount > 0)
        {
            var ordered = sort switch
            {
                "date" => docs.OrderByDescending(f => f.UpdatedAt).ThenBy(f => f.Name),
                "taille" => docs.OrderByDescending(f => f.Size).ThenBy(f => f.Name),
                _ => docs.OrderBy(f => f.Name).ThenBy(f => f.Id),
            };
            rows.AddRange(await ordered.Skip(Math.Max(0, skip - folderCount)).Take(pageSize - rows.Count)
                .Select(f => new Row(f.Id, false, f.Name, f.ContentType, f.Size, f.UpdatedAt)).ToListAsync(ct));
        }
        return new Paged<Row>(rows, p, pageSize, folderCount + fileCount);
    }
}
