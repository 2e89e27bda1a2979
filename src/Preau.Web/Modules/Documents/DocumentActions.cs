using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>One upload as the use case sees it: a stream and the name the browser gave.</summary>
public sealed record DocUploadItem(string FileName, Func<Stream> Open);

/// <summary>What an upload did: documents added, and a French message for each file refused.</summary>
public sealed record DocUploadResult(IReadOnlyList<Guid> Added, IReadOnlyList<string> Refused);

/// <summary>
/// The use cases that change documents. Rights are checked by the callers through <see cref="DocumentAccess"/>; the
/// person acting is passed in, so that the benchmark and the demo take exactly the page's path.
/// </summary>
public sealed class DocumentActions(PreauDbContext db, IFileService files, TimeProvider time)
{
    public const int MaxFilesPerPost = 100;
    /// <summary>Up to 100 files of the default 10 Mio limit would not fit the default request limit; 300 Mio is the cap.</summary>
    public const long MaxRequestBytes = 300L * 1024 * 1024;
    public const int MaxNameLength = 150;

    /// <summary>A clean name or a French message saying why not.</summary>
    public static (string? Name, string? Error) CheckName(string? name)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length == 0)
        {
            return (null, "Donnez un nom.");
        }
        if (clean.Length > MaxNameLength)
        {
            return (null, $"Le nom fait au plus {MaxNameLength} caractères.");
        }
        if (clean.IndexOfAny(['/', '\\', '\0']) >= 0 || clean.Any(char.IsControl) || clean is "." or "..")
        {
            return (null, "Le nom ne peut pas contenir de barre oblique (/ ou \\).");
        }
        return (clean, null);
    }

    public async Task<DocFolder> CreateFolderAsync(DocSpace space, Guid? parentId, string name, Guid by, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var folder = new DocFolder { SpaceType = space.Type, SpaceId = space.Id, ParentId = parentId, Name = name, CreatedById = by, CreatedAt = now, UpdatedAt = now };
        db.DocFolders.Add(folder);
        await db.SaveChangesAsync(ct);
        return folder;
    }

    /// <summary>
    /// Stores each file through the files service (checked by content, images re-encoded without metadata, quota of the
    /// space). Each file stands alone: one refused (type, size, quota) does not undo the others, and leaves nothing behind.
    /// </summary>
    public async Task<DocUploadResult> UploadAsync(DocSpace space, Guid? folderId, IReadOnlyList<DocUploadItem> uploads, Guid by, CancellationToken ct = default)
    {
        var refused = new List<string>();
        var added = new List<DocFile>();
        foreach (var upload in uploads)
        {
            var docId = Guid.NewGuid();
            SaveFileResult saved;
            await using (var stream = upload.Open())
            {
                saved = await files.SaveAsync(stream, upload.FileName, DocumentAccess.Purpose, docId, space.Quota, by, ct);
            }
            if (saved.File is not { } file)
            {
                refused.Add(saved.Error!);
                continue;
            }
            added.Add(NewFile(docId, space, folderId, file, by));
        }
        if (added.Count > 0)
        {
            db.DocFiles.AddRange(added);
            await db.SaveChangesAsync(ct);
        }
        return new DocUploadResult([.. added.Select(f => f.Id)], refused);
    }

    private DocFile NewFile(Guid id, DocSpace space, Guid? folderId, FileInfoRow file, Guid by)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DocFile
        {
            Id = id, SpaceType = space.Type, SpaceId = space.Id, FolderId = folderId, Name = file.Name, StoredFileId = file.Id,
            ContentType = file.ContentType, Size = file.Size, CreatedById = by, CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>
    /// A copy of a document into a folder of a space (possibly another: one's own space), as a new stored file so that
    /// each copy lives and dies on its own; it counts against the destination's quota, which may refuse it.
    /// </summary>
    public async Task<(Guid? Id, string? Error)> CopyFileAsync(DocFile source, DocSpace space, Guid? folderId, Guid by, CancellationToken ct = default)
    {
        await using var opened = await files.OpenAsync(source.StoredFileId, ct);
        if (opened is null)
        {
            return (null, "Le contenu de ce document est introuvable.");
        }
        var docId = Guid.NewGuid();
        var saved = await files.SaveAsync(opened.Content, source.Name, DocumentAccess.Purpose, docId, space.Quota, by, ct);
        if (saved.File is not { } file)
        {
            return (null, saved.Error);
        }
        var copy = NewFile(docId, space, folderId, file, by);
        copy.Name = source.Name;
        db.DocFiles.Add(copy);
        await db.SaveChangesAsync(ct);
        return (copy.Id, null);
    }

    /// <summary>Renames a document; its extension (detected from the content) is kept so that it still opens.</summary>
    public async Task RenameFileAsync(Guid fileId, string name, CancellationToken ct = default)
    {
        var file = await db.DocFiles.FirstAsync(f => f.Id == fileId, ct);
        var extension = Path.GetExtension(file.Name);
        file.Name = extension.Length > 0 && !name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name + extension : name;
        file.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public async Task RenameFolderAsync(Guid folderId, string name, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.DocFolders.Where(f => f.Id == folderId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Name, name).SetProperty(f => f.UpdatedAt, now), ct);
    }

    /// <summary>The folders a file or folder may go to in its space: every live folder except the moved folder and what it contains.</summary>
    public async Task<IReadOnlyList<(Guid? Id, string Path)>> DestinationsAsync(DocSpaceType type, Guid spaceId, Guid? movedFolderId, CancellationToken ct = default)
    {
        // Only names and parents: a space has at most a few hundred folders; files are never loaded here.
        var all = await db.DocFolders.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId)
            .Select(f => new { f.Id, f.ParentId, f.Name, f.TrashedAt }).ToListAsync(ct);
        var byId = all.ToDictionary(f => f.Id);
        var result = new List<(Guid? Id, string Path)> { (null, "Racine") };
        foreach (var f in all)
        {
            var names = new List<string>();
            var ok = true;
            for (var cur = f; cur is not null; cur = cur.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null)
            {
                if (cur.TrashedAt != null || cur.Id == movedFolderId || names.Count > DocumentAccess.MaxDepth)
                {
                    ok = false;
                    break;
                }
                names.Insert(0, cur.Name);
            }
            if (ok)
            {
                result.Add((f.Id, "Racine / " + string.Join(" / ", names)));
            }
        }
        return [.. result.OrderBy(r => r.Path, StringComparer.CurrentCulture)];
    }

    public async Task MoveFileAsync(Guid fileId, Guid? folderId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.DocFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(s => s.SetProperty(f => f.FolderId, folderId).SetProperty(f => f.UpdatedAt, now), ct);
    }

    public async Task MoveFolderAsync(Guid id, Guid? parentId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.DocFolders.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ParentId, parentId).SetProperty(f => f.UpdatedAt, now), ct);
    }

    public async Task TrashFileAsync(Guid fileId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.DocFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(s => s.SetProperty(f => f.TrashedAt, now), ct);
    }

    public async Task TrashFolderAsync(Guid folderId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.DocFolders.Where(f => f.Id == folderId).ExecuteUpdateAsync(s => s.SetProperty(f => f.TrashedAt, now), ct);
    }

    /// <summary>Back where it was; at the root when its folder is gone or itself in the trash.</summary>
    public async Task RestoreFileAsync(Guid fileId, CancellationToken ct = default)
    {
        var file = await db.DocFiles.FirstAsync(f => f.Id == fileId, ct);
        file.TrashedAt = null;
        if (file.FolderId is { } parent && !await db.DocFolders.AnyAsync(f => f.Id == parent && f.TrashedAt == null, ct))
        {
            file.FolderId = null;
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task RestoreFolderAsync(Guid folderId, CancellationToken ct = default)
    {
        var folder = await db.DocFolders.FirstAsync(f => f.Id == folderId, ct);
        folder.TrashedAt = null;
        if (folder.ParentId is { } parent && !await db.DocFolders.AnyAsync(f => f.Id == parent && f.TrashedAt == null, ct))
        {
            folder.ParentId = null;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The folder and every folder below it (one query per level).</summary>
    public async Task<List<Guid>> SubtreeAsync(IReadOnlyCollection<Guid> roots, CancellationToken ct = default)
    {
        var all = new List<Guid>(roots);
        var level = roots.ToList();
        for (var depth = 0; level.Count > 0 && depth < DocumentAccess.MaxDepth * 2; depth++)
        {
            level = await db.DocFolders.AsNoTracking().Where(f => f.ParentId != null && level.Contains(f.ParentId.Value)).Select(f => f.Id).ToListAsync(ct);
            level.RemoveAll(all.Contains);
            all.AddRange(level);
        }
        return all;
    }

    /// <summary>Deletes for good what is in the trash of a space (folders with all they contain), content included.</summary>
    public async Task<int> EmptyTrashAsync(DocSpaceType type, Guid spaceId, CancellationToken ct = default)
    {
        var trashedFolders = await db.DocFolders.Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.TrashedAt != null).Select(f => f.Id).ToListAsync(ct);
        var folders = await SubtreeAsync(trashedFolders, ct);
        var doomed = await db.DocFiles.Where(f => f.SpaceType == type && f.SpaceId == spaceId && (f.TrashedAt != null || (f.FolderId != null && folders.Contains(f.FolderId.Value))))
            .Select(f => new { f.Id, f.StoredFileId }).ToListAsync(ct);
        var fileIds = doomed.Select(d => d.Id).ToList();
        await db.DocShares.Where(s => (s.FileId != null && fileIds.Contains(s.FileId.Value)) || (s.FolderId != null && folders.Contains(s.FolderId.Value))).ExecuteDeleteAsync(ct);
        await db.DocFiles.Where(f => fileIds.Contains(f.Id)).ExecuteDeleteAsync(ct);
        await db.DocFolders.Where(f => folders.Contains(f.Id)).ExecuteDeleteAsync(ct);
        // Rows first: content whose row is gone is swept by the files cleanup; a row without content would be a broken link.
        foreach (var d in doomed)
        {
            await files.DeleteAsync(d.StoredFileId, ct);
        }
        return doomed.Count + trashedFolders.Count;
    }

    public async Task ShareAsync(Guid? folderId, Guid? fileId, Guid? personId, Guid? groupId, bool canEdit, Guid by, CancellationToken ct = default)
    {
        var existing = await db.DocShares.FirstOrDefaultAsync(s => s.FolderId == folderId && s.FileId == fileId && s.PersonId == personId && s.GroupId == groupId, ct);
        if (existing is not null)
        {
            existing.CanEdit = canEdit;
        }
        else
        {
            db.DocShares.Add(new DocShare
            {
                FolderId = folderId, FileId = fileId, PersonId = personId, GroupId = groupId, CanEdit = canEdit, CreatedById = by,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task UnshareAsync(Guid shareId, CancellationToken ct = default) =>
        await db.DocShares.Where(s => s.Id == shareId).ExecuteDeleteAsync(ct);
}
