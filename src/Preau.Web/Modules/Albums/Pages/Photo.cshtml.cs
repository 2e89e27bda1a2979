using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums.Pages;

/// <summary>
/// One photo at display size, the slideshow's step: previous and next are plain links (albums.js binds the arrow keys
/// and Escape to them). Writers edit the caption, tag the pupils visible in it, or delete it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PhotoModel(PreauDbContext db, AlbumAccess access, AlbumActions actions) : PageModel
{
    public Album Album { get; private set; } = null!;
    public Photo Photo { get; private set; } = null!;
    public string SpaceName { get; private set; } = "";
    public int Number { get; private set; }
    public int Total { get; private set; }
    public Guid? Previous { get; private set; }
    public Guid? Next { get; private set; }
    public bool CanWrite { get; private set; }
    public string Alt { get; private set; } = "";
    public IReadOnlyList<(Guid Id, string Name, bool PhotoAllowed)> Pupils { get; private set; } = [];
    public IReadOnlySet<Guid> Tagged { get; private set; } = new HashSet<Guid>();
    /// <summary>For staff: the photo shows a pupil without photo authorisation, so families do not see it.</summary>
    public bool HiddenFromFamilies { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid photoId, CancellationToken ct) =>
        await LoadAsync(id, photoId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTagsAsync(Guid id, Guid photoId, string? caption, List<Guid> pupils, CancellationToken ct)
    {
        if (!await LoadAsync(id, photoId, ct) || !CanWrite)
        {
            return NotFound();
        }
        if (caption?.Length > 300)
        {
            ModelState.AddModelError("caption", "La légende fait au plus 300 caractères.");
            return Page();
        }
        await actions.UpdatePhotoAsync(photoId, caption, pupils, Pupils.Select(p => p.Id).ToHashSet(), ct);
        Notice = "La photo a été mise à jour.";
        return Redirect($"/albums/{id}/photos/{photoId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        if (!await LoadAsync(id, photoId, ct) || !CanWrite)
        {
            return NotFound();
        }
        await actions.DeletePhotoAsync(photoId, ct);
        TempData["Notice"] = "La photo a été supprimée.";
        return Redirect(Next is { } next ? $"/albums/{id}/photos/{next}" : $"/albums/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        if (await access.OpenAsync(id, ct) is not { } opened)
        {
            return false;
        }
        Album = opened.Album;
        CanWrite = opened.Rights.Write;
        // The ordered ids only (small), to place the photo and find its neighbours among those this person sees.
        var ids = await access.Visible(id, opened.Rights).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync(ct);
        var index = ids.IndexOf(photoId);
        if (index < 0)
        {
            return false;
        }
        Photo = await db.AlbumPhotos.AsNoTracking().FirstAsync(p => p.Id == photoId, ct);
        Number = index + 1;
        Total = ids.Count;
        Previous = index > 0 ? ids[index - 1] : null;
        Next = index < ids.Count - 1 ? ids[index + 1] : null;
        SpaceName = await access.ScopeNameAsync(Album.ScopeType, Album.ScopeId, ct);
        if (CanWrite)
        {
            Pupils = await access.TaggablePupilsAsync(Album, ct);
            Tagged = (await db.AlbumPhotoTags.AsNoTracking().Where(t => t.PhotoId == photoId).Select(t => t.PupilId).ToListAsync(ct)).ToHashSet();
        }
        if (opened.Rights.SeesRestricted)
        {
            HiddenFromFamilies = await AlbumAccess.Restricted(db).AnyAsync(t => t.PhotoId == photoId, ct);
        }
        return true;
    }
}
