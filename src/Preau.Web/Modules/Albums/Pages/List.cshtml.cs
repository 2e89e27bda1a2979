using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums.Pages;

/// <summary>The albums of a class, school or group, newest first, each with its cover and number of photos the person sees.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ListModel(PreauDbContext db, AlbumAccess access, AlbumActions actions, AccessContext context) : PageModel
{
    private const int PageSize = 24;

    public sealed record AlbumRow(Guid Id, string Title, DateTime UpdatedAt, int Count, Guid? Cover);

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Donnez un titre à l'album.")]
        [StringLength(150, ErrorMessage = "Le titre fait au plus 150 caractères.")]
        public string Title { get; set; } = "";

        [StringLength(2000, ErrorMessage = "La description fait au plus 2 000 caractères.")]
        public string? Description { get; set; }
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public string SpaceName { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public bool CanWrite { get; private set; }
    public Paged<AlbumRow> Albums { get; private set; } = new([], 1, PageSize, 0);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, int p = 1, CancellationToken ct = default) =>
        await LoadAsync(kind, id, p, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, 1, ct))
        {
            return NotFound();
        }
        if (!CanWrite)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var a = await context.GetAsync(ct);
        var album = await actions.CreateAsync(ScopeOf(kind)!.Value, id, Input.Title, Input.Description, a.PersonId, ct);
        Notice = "L'album a été créé : ajoutez-y des photos.";
        return Redirect($"/albums/{album.Id}");
    }

    internal static ScopeType? ScopeOf(string kind) => kind switch
    {
        "classe" => ScopeType.Class,
        "ecole" => ScopeType.School,
        "groupe" => ScopeType.Group,
        _ => null,
    };

    private async Task<bool> LoadAsync(string kind, Guid id, int p, CancellationToken ct)
    {
        if (ScopeOf(kind) is not { } scope)
        {
            return false;
        }
        var rights = await access.ForScopeAsync(scope, id, ct);
        if (!rights.Read)
        {
            return false;
        }
        Kind = kind;
        CanWrite = rights.Write;
        SpaceName = await access.ScopeNameAsync(scope, id, ct);
        p = Math.Max(1, p);
        var albums = db.Albums.AsNoTracking().Where(x => x.ScopeType == scope && x.ScopeId == id);
        var total = await albums.CountAsync(ct);
        var sees = rights.SeesRestricted;
        var restricted = AlbumAccess.Restricted(db);
        // Count and cover in the same query (correlated subqueries), whatever the number of albums on the page.
        var rows = await albums.OrderByDescending(x => x.CreatedAt).Skip((p - 1) * PageSize).Take(PageSize)
            .Select(x => new AlbumRow(x.Id, x.Title, x.UpdatedAt,
                db.AlbumPhotos.Count(ph => ph.AlbumId == x.Id && (sees || !restricted.Any(t => t.PhotoId == ph.Id))),
                db.AlbumPhotos.Where(ph => ph.AlbumId == x.Id && ph.ThumbFileId != null && (sees || !restricted.Any(t => t.PhotoId == ph.Id)))
                    .OrderBy(ph => ph.Position).Select(ph => ph.ThumbFileId).FirstOrDefault()))
            .ToListAsync(ct);
        Albums = new Paged<AlbumRow>(rows, p, PageSize, total);
        return true;
    }
}
