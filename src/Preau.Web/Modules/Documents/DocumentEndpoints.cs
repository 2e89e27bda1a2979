using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>
/// The content of documents, always after <see cref="DocumentAccess"/> said yes (404 otherwise):
/// GET /documents/fichier/{id}/telecharger (attachment, under the document's current name),
/// GET /documents/fichier/{id}/apercu (images and PDFs only, inline, for the preview page),
/// GET /documents/dossier/{id}/zip (the folder and its sub-folders, streamed).
/// </summary>
internal static class DocumentEndpoints
{
    private static readonly HashSet<string> Previewable = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"];

    public static bool CanPreview(string contentType) => Previewable.Contains(contentType);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/documents/fichier/{id:guid}/telecharger", (Guid id, HttpContext http, DocumentAccess access, IFileService files, CancellationToken ct) =>
            ServeAsync(id, inline: false, http, access, files, ct)).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        app.MapGet("/documents/fichier/{id:guid}/apercu", (Guid id, HttpContext http, DocumentAccess access, IFileService files, CancellationToken ct) =>
            ServeAsync(id, inline: true, http, access, files, ct)).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        app.MapGet("/documents/dossier/{id:guid}/zip", ZipAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
    }

    private static async Task<IResult> ServeAsync(Guid id, bool inline, HttpContext http, DocumentAccess access, IFileService files, CancellationToken ct)
    {
        if (await access.OpenFileAsync(id, ct) is not { } opened || (inline && !CanPreview(opened.File.ContentType)))
        {
            return Results.NotFound();
        }
        if (await files.OpenAsync(opened.File.StoredFileId, ct) is not { } content)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(opened.File.Name);
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-cache";
        if (inline)
        {
            // The preview page frames this response: same origin only. The type was detected from the content at
            // upload (magic bytes), so only real images and PDFs are ever shown inline; no sandbox, which would stop
            // the browser's PDF viewer.
            headers.XFrameOptions = "SAMEORIGIN";
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        }
        else
        {
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        }
        return Results.Stream(content.Content, opened.File.ContentType, enableRangeProcessing: true);
    }

    /// <summary>
    /// The live files of a folder and of its sub-folders, with their paths, streamed into the ZIP as they are read
    /// (never the archive in memory). Entries are stored, not compressed: most school files (JPEG, PDF) do not shrink.
    /// </summary>
    private static async Task<IResult> ZipAsync(Guid id, HttpContext http, DocumentAccess access, DocumentActions actions, PreauDbContext db, IFileService files, CancellationToken ct)
    {
        if (await access.OpenFolderAsync(id, ct) is not { } opened)
        {
            return Results.NotFound();
        }
        var subtree = await actions.SubtreeAsync([id], ct);
        var folders = await db.DocFolders.AsNoTracking().Where(f => subtree.Contains(f.Id) && f.TrashedAt == null)
            .Select(f => new { f.Id, f.ParentId, f.Name }).ToDictionaryAsync(f => f.Id, ct);
        // A path per live folder; a folder under a trashed one has none and is left out.
        var paths = new Dictionary<Guid, string>();
        string? PathOf(Guid folderId)
        {
            if (paths.TryGetValue(folderId, out var known))
            {
                return known;
            }
            if (!folders.TryGetValue(folderId, out var f))
            {
                return null;
            }
            var path = f.Id == id ? "" : PathOf(f.ParentId!.Value) is { } parent ? parent + Clean(f.Name) + "/" : null;
            if (path is not null)
            {
                paths[folderId] = path;
            }
            return path;
        }
        var folderIds = folders.Keys.ToList();
        var rows = await db.DocFiles.AsNoTracking().Where(f => f.FolderId != null && folderIds.Contains(f.FolderId.Value) && f.TrashedAt == null)
            .OrderBy(f => f.Name).Select(f => new { f.FolderId, f.Name, f.StoredFileId, f.CreatedAt }).ToListAsync(ct);
        var response = http.Response;
        response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(Clean(opened.Chain[0].Name) + ".zip");
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        var body = new Platform.Web.AsyncOnlyStream(response.Body);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var row in rows)
            {
                if (PathOf(row.FolderId!.Value) is not { } folderPath)
                {
                    continue;
                }
                await using var file = await files.OpenAsync(row.StoredFileId, ct);
                if (file is null)
                {
                    continue;
                }
                var entry = zip.CreateEntry(Unique(used, folderPath + Clean(row.Name)), CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
                await using var target = await entry.OpenAsync(ct);
                await file.Content.CopyToAsync(target, ct);
            }
        }
        await body.FlushAsync(ct);
        return Results.Empty;
    }

    /// <summary>Two documents may share a name in a folder: the second becomes "nom (2).pdf" in the archive.</summary>
    private static string Unique(HashSet<string> used, string path)
    {
        var candidate = path;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var ext = Path.GetExtension(path);
            candidate = $"{path[..^ext.Length]} ({n}){ext}";
        }
        return candidate;
    }

    private static string Clean(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string([.. name.Where(c => !invalid.Contains(c) && !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "document" : clean;
    }
}
