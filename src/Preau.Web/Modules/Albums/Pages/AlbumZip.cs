using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Albums.Pages;

/// <summary>
/// GET /albums/{id}/zip: the originals of the photos the person sees, streamed into a ZIP as they are read (never the
/// whole archive in memory). JPEGs do not compress: entries are stored as they are, which costs no CPU.
/// </summary>
internal static class AlbumZip
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/albums/{id:guid}/zip", DownloadAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, AlbumAccess access, IFileService files, CancellationToken ct)
    {
        if (await access.OpenAsync(id, ct) is not { } opened)
        {
            return Results.NotFound();
        }
        var fileIds = await access.Visible(id, opened.Rights).OrderBy(p => p.Position).Select(p => p.OriginalFileId).ToListAsync(ct);
        var response = http.Response;
        response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(ZipName(opened.Album.Title));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        var body = new Platform.Web.AsyncOnlyStream(response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            var n = 0;
            foreach (var fileId in fileIds)
            {
                await using var file = await files.OpenAsync(fileId, ct);
                if (file is null)
                {
                    continue;
                }
                n++;
                var entry = zip.CreateEntry($"{n:000}-{file.Info.Name}", CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.Info.CreatedAt, DateTimeKind.Utc));
                await using var target = await entry.OpenAsync(ct);
                await file.Content.CopyToAsync(target, ct);
            }
        }
        await body.FlushAsync(ct);
        return Results.Empty;
    }

    private static string ZipName(string title)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string([.. title.Where(c => !invalid.Contains(c) && !char.IsControl(c))]).Trim();
        return (clean.Length == 0 ? "album" : clean) + ".zip";
    }
}
