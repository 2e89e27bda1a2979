using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Albums.Pages;

/// <summary>
/// An album: a paged grid of thumbnails (a placeholder while the thumbnail is being made), the ZIP download, and for
/// writers the multiple upload (a plain form post; wwwroot/js/albums.js adds drag-and-drop and a progress bar).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(AlbumActions.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = AlbumActions.MaxRequestBytes)]
public sealed class AlbumModel(AlbumAccess access, AlbumActions actions, AccessContext context) : PageModel
{
    internal const int PageSize = 60;

    public sealed record Tile(Guid Id, int Number, string? Caption, Guid? Thumb);

    public Album Album { get; private set; } = null!;
    public string SpaceName { get; private set; } = "";
    public string SpaceUrl { get; private set; } = "";
    public bool CanWrite { get; private set; }
    public Paged<Tile> Photos { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<string> Refused { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int p = 1, CancellationToken ct = default) =>
        await LoadAsync(id, p, ct) ? Page() : NotFound();

    /// <summary>
    /// The upload. Without JavaScript: back to the album with a message. The script sends one photo per request and
    /// asks for JSON, so that it can show a progress bar and each refusal.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, List<IFormFile> photos, CancellationToken ct)
    {
        if (!await LoadAsync(id, 1, ct) || !CanWrite)
        {
            return NotFound();
        }
        var real = photos.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.Ordinal) == true);
        if (real.Count == 0 || real.Count > AlbumActions.MaxFilesPerPost)
        {
            var message = real.Count == 0 ? "Choisissez au moins une photo." : $"Envoyez au plus {AlbumActions.MaxFilesPerPost} photos à la fois.";
            if (wantsJson)
            {
                return new JsonResult(new { added = 0, refused = new[] { message } }) { StatusCode = StatusCodes.Status400BadRequest };
            }
            Refused = [message];
            return Page();
        }
        var a = await context.GetAsync(ct);
        var result = await actions.AddPhotosAsync(Album, [.. real.Select(f => new PhotoUploadItem(f.FileName, f.OpenReadStream))], a.PersonId, ct);
        if (wantsJson)
        {
            return new JsonResult(new { added = result.Added.Count, refused = result.Refused });
        }
        if (result.Refused.Count > 0)
        {
            await LoadAsync(id, 1, ct);
            Refused = [.. result.Refused, .. result.Added.Count > 0 ? [$"{result.Added.Count} photo(s) ajoutée(s) ; les autres ont été refusées."] : Array.Empty<string>()];
            return Page();
        }
        Notice = result.Added.Count == 1 ? "1 photo ajoutée. Sa miniature sera prête dans un instant." : $"{result.Added.Count} photos ajoutées. Les miniatures seront prêtes dans un instant.";
        return Redirect($"/albums/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(id, 1, ct) || !CanWrite)
        {
            return NotFound();
        }
        if (!confirm)
        {
            Refused = ["Cochez la case pour confirmer la suppression de l'album."];
            return Page();
        }
        await actions.DeleteAlbumAsync(id, ct);
        TempData["Notice"] = "L'album a été supprimé.";
        return Redirect(SpaceUrl);
    }

    private async Task<bool> LoadAsync(Guid id, int p, CancellationToken ct)
    {
        if (await access.OpenAsync(id, ct) is not { } opened)
        {
            return false;
        }
        Album = opened.Album;
        CanWrite = opened.Rights.Write;
        SpaceName = await access.ScopeNameAsync(Album.ScopeType, Album.ScopeId, ct);
        SpaceUrl = $"/{AlbumAccess.Segment(Album.ScopeType)}/{Album.ScopeId}/albums";
        p = Math.Max(1, p);
        var visible = access.Visible(id, opened.Rights);
        var total = await visible.CountAsync(ct);
        var rows = await visible.OrderBy(x => x.Position).Skip((p - 1) * PageSize).Take(PageSize)
            .Select(x => new { x.Id, x.Caption, x.ThumbFileId }).ToListAsync(ct);
        Photos = new Paged<Tile>([.. rows.Select((r, i) => new Tile(r.Id, (p - 1) * PageSize + i + 1, r.Caption, r.ThumbFileId))], p, PageSize, total);
        return true;
    }
}
