using Microsoft.Net.Http.Headers;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Files.Serving;

/// <summary>
/// The only way a stored file leaves the server: GET /fichiers/{id}, signed in, after the owning module's policy for
/// the file's purpose said the person may read its owner. Unknown file, unknown purpose, or "no" → 404 (nothing
/// tells a stranger the file exists).
/// </summary>
internal static class FileEndpoints
{
    private static readonly HashSet<string> InlineTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    public static void MapFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/fichiers/{id:guid}", ServeAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(Guid id, HttpContext http, FileService files, IEnumerable<IFileAccessPolicy> policies, CancellationToken ct)
    {
        if (await files.FindAsync(id, ct) is not { } file)
        {
            return Results.NotFound();
        }
        var policy = policies.FirstOrDefault(p => p.Purpose == file.Purpose);
        if (policy is null || !await policy.MayReadAsync(file.OwnerId, ct))
        {
            return Results.NotFound();
        }
        if (await files.OpenAsync(file, ct) is not { } opened)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        // Images are shown in the page; everything else (PDF included: a browser's PDF viewer runs scripts) is downloaded.
        var disposition = new ContentDispositionHeaderValue(InlineTypes.Contains(opened.Info.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(opened.Info.Name);
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        // Kept only as long as the access check says yes: the browser asks again each time, and a file it already has
        // (the same content hash, which never changes for a file) comes back as 304 without its bytes — the thumbnails
        // of an album reopened on a family's phone.
        headers.CacheControl = "private, no-cache";
        // Even if a browser rendered the file as a document, it could run nothing and reach nothing.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        return Results.Stream(opened.Content, opened.Info.ContentType, lastModified: new DateTimeOffset(DateTime.SpecifyKind(file.CreatedAt, DateTimeKind.Utc)),
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }
}
