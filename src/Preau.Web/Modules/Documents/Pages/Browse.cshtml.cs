using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents.Pages;

/// <summary>
/// A folder of a documents space (or the space's root): its sub-folders then its files, paged and sorted; for writers
/// the multiple upload (a plain form post; wwwroot/js/documents.js adds drag-and-drop and a progress bar), a new folder,
/// and managing the folder itself. Addresses: /documents (one's own), /classe|ecole|groupe/{id}/documents, and
/// /documents/dossier/{id} for any folder.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(DocumentActions.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = DocumentActions.MaxRequestBytes)]
public sealed class BrowseModel(PreauDbContext db, DocumentAccess access, DocumentActions actions, IFileService files, AccessContext context) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, bool IsFolder, string Name, string? ContentType, long Size, DateTime UpdatedAt);

    public DocSpace Space { get; private set; } = null!;
    public DocRights Rights { get; private set; } = DocRights.None;
    /// <summary>The folder shown, with its ancestors (the folder first); empty at the root.</summary>
    public IReadOnlyList<DocFolder> Chain { get; private set; } = [];
    public DocFolder? Folder => Chain.Count > 0 ? Chain[0] : null;
    /// <summary>False when the person reaches this folder only through a share: the space's other folders are not theirs to see.</summary>
    public bool SeesSpace { get; private set; }
    public Paged<Row> Items { get; private set; } = new([], 1, PageSize, 0);
    public string Sort { get; private set; } = "nom";
    public QuotaUsage? Usage { get; private set; }
    public IReadOnlyList<(Guid? Id, string Path)> Destinations { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public Guid Viewer { get; private set; }
    public string SelfUrl => Folder is { } f ? $"/documents/dossier/{f.Id}" : Space.Url(Viewer);

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(string? kind, Guid? id, Guid? dossier, int p = 1, string? tri = null, CancellationToken ct = default) =>
        await LoadAsync(kind, id, dossier, p, tri, ct) ? Page() : NotFound();

    /// <summary>
    /// The upload. Without JavaScript: back to the folder with a message. The script sends one file per request and
    /// asks for JSON, so that it can show a progress bar and each refusal.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(string? kind, Guid? id, Guid? dossier, List<IFormFile> files, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, dossier, 1, null, ct) || !Rights.Write)
        {
            return NotFound();
        }
        var real = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.Ordinal) == true);
        if (real.Count == 0 || real.Count > DocumentActions.MaxFilesPerPost)
        {
            var message = real.Count == 0 ? "Choisissez au moins un fichier." : $"Envoyez au plus {DocumentActions.MaxFilesPerPost} fichiers à la fois.";
            if (wantsJson)
            {
                return new JsonResult(new { added = 0, refused = new[] { message } }) { StatusCode = StatusCodes.Status400BadRequest };
            }
            Errors = [message];
            return Page();
        }
        var result = await actions.UploadAsync(Space, Folder?.Id, [.. real.Select(f => new DocUploadItem(f.FileName, f.OpenReadStream))], Viewer, ct);
        if (wantsJson)
        {
            return new JsonResult(new { added = result.Added.Count, refused = result.Refused });
        }
        if (result.Refused.Count > 0)
        {
            await LoadAsync(kind, id, dossier, 1, null, ct);
            Errors = [.. result.Refused, .. result.Added.Count > 0 ? [$"{result.Added.Count} fichier(s) ajouté(s) ; les autres ont été refusés."] : Array.Empty<string>()];
            return Page();
        }
        Notice = result.Added.Count == 1 ? "1 fichier ajouté." : $"{result.Added.Count} fichiers ajoutés.";
        return Redirect(SelfUrl);
    }

    public async Task<IActionResult> OnPostFolderAsync(string? kind, Guid? id, Guid? dossier, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, dossier, 1, null, ct) || !Rights.Write)
        {
            return NotFound();
        }
        var (name, error) = DocumentActions.CheckName(Name);
        if (error is null && Chain.Count >= DocumentAccess.MaxDepth)
        {
            error = "Ce dossier est trop profond pour contenir un sous-dossier.";
        }
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Name), error);
            return Page();
        }
        var folder = await actions.CreateFolderAsync(Space, Folder?.Id, name!, Viewer, ct);
        Notice = $"Le dossier « {folder.Name} » a été créé.";
        return Redirect(SelfUrl);
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid dossier, CancellationToken ct)
    {
        if (!await LoadAsync(null, null, dossier, 1, null, ct) || !Rights.Write)
        {
            return NotFound();
        }
        var (name, error) = DocumentActions.CheckName(Name);
        if (error is not null)
        {
            ModelState.AddModelError("Rename", error);
            return Page();
        }
        await actions.RenameFolderAsync(dossier, name!, ct);
        Notice = $"Le dossier s'appelle maintenant « {name} ».";
        return Redirect(SelfUrl);
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid dossier, string? destination, CancellationToken ct)
    {
        if (!await LoadAsync(null, null, dossier, 1, null, ct) || !Rights.Manage)
        {
            return NotFound();
        }
        Guid? target = Guid.TryParse(destination, out var d) ? d : null;
        if (!Destinations.Any(x => x.Id == target))
        {
            Errors = ["Choisissez un dossier de destination de cet espace (pas ce dossier ni l'un de ses sous-dossiers)."];
            return Page();
        }
        await actions.MoveFolderAsync(dossier, target, ct);
        Notice = "Le dossier a été déplacé.";
        return Redirect(SelfUrl);
    }

    public async Task<IActionResult> OnPostTrashAsync(Guid dossier, CancellationToken ct)
    {
        if (!await LoadAsync(null, null, dossier, 1, null, ct) || !Rights.Write)
        {
            return NotFound();
        }
        var parent = Chain.Count > 1 ? $"/documents/dossier/{Chain[1].Id}" : Space.Url(Viewer);
        await actions.TrashFolderAsync(dossier, ct);
        Notice = Rights.Manage
            ? $"Le dossier « {Folder!.Name} » a été mis à la corbeille. Vous pouvez le restaurer depuis la corbeille."
            : $"Le dossier « {Folder!.Name} » a été mis à la corbeille.";
        return Redirect(SeesSpace ? parent : "/documents/partages");
    }

    internal static DocSpaceType? SpaceOf(string? kind) => kind switch
    {
        "classe" => DocSpaceType.Class,
        "ecole" => DocSpaceType.School,
        "groupe" => DocSpaceType.Group,
        _ => null,
    };

    private async Task<bool> LoadAsync(string? kind, Guid? id, Guid? dossier, int p, string? tri, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        Viewer = a.PersonId;
        DocSpaceType type;
        Guid spaceId;
        if (dossier is { } folderId)
        {
            if (await access.OpenFolderAsync(folderId, ct) is not { } opened)
            {
                return false;
            }
            Chain = opened.Chain;
            Rights = opened.Rights;
            (type, spaceId) = (Chain[0].SpaceType, Chain[0].SpaceId);
            SeesSpace = (await access.ForSpaceAsync(type, spaceId, ct)).Read;
        }
        else
        {
            if (kind is null)
            {
                (type, spaceId) = (DocSpaceType.Person, a.PersonId);
            }
            else if (SpaceOf(kind) is { } scope && id is { } scopeId)
            {
                (type, spaceId) = (scope, scopeId);
            }
            else
            {
                return false;
            }
            Rights = await access.ForSpaceAsync(type, spaceId, ct);
            SeesSpace = Rights.Read;
            if (!Rights.Read)
            {
                return false;
            }
        }
        Space = new DocSpace(type, spaceId, type == DocSpaceType.Person && spaceId == a.PersonId ? "Mes documents" : await access.SpaceNameAsync(type, spaceId, ct));
        if (Rights.Write)
        {
            Usage = await files.UsageAsync(Space.Quota, ct);
        }
        if (Folder is not null && Rights.Manage)
        {
            Destinations = await actions.DestinationsAsync(type, spaceId, Folder.Id, ct);
        }
        Sort = tri is "date" or "taille" ? tri : "nom";
        await ListAsync(type, spaceId, Math.Max(1, p), ct);
        return true;
    }

    /// <summary>
    /// Folders first, then files, each sorted; a page may hold the last folders and the first files. Two counts and at
    /// most two bounded reads, whatever the size of the folder (indexed on space, folder and name).
    /// </summary>
    private async Task ListAsync(DocSpaceType type, Guid spaceId, int p, CancellationToken ct)
    {
        var parentId = Folder?.Id;
        var folders = db.DocFolders.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.ParentId == parentId && f.TrashedAt == null);
        var docs = db.DocFiles.AsNoTracking().Where(f => f.SpaceType == type && f.SpaceId == spaceId && f.FolderId == parentId && f.TrashedAt == null);
        var folderCount = await folders.CountAsync(ct);
        var fileCount = await docs.CountAsync(ct);
        var skip = (p - 1) * PageSize;
        var rows = new List<Row>();
        if (skip < folderCount)
        {
            var ordered = Sort == "date" ? folders.OrderByDescending(f => f.UpdatedAt).ThenBy(f => f.Name) : folders.OrderBy(f => f.Name).ThenBy(f => f.Id);
            rows.AddRange(await ordered.Skip(skip).Take(PageSize)
                .Select(f => new Row(f.Id, true, f.Name, null, 0, f.UpdatedAt)).ToListAsync(ct));
        }
        if (rows.Count < PageSize && fileCount > 0)
        {
            var ordered = Sort switch
            {
                "date" => docs.OrderByDescending(f => f.UpdatedAt).ThenBy(f => f.Name),
                "taille" => docs.OrderByDescending(f => f.Size).ThenBy(f => f.Name),
                _ => docs.OrderBy(f => f.Name).ThenBy(f => f.Id),
            };
            rows.AddRange(await ordered.Skip(Math.Max(0, skip - folderCount)).Take(PageSize - rows.Count)
                .Select(f => new Row(f.Id, false, f.Name, f.ContentType, f.Size, f.UpdatedAt)).ToListAsync(ct));
        }
        Items = new Paged<Row>(rows, p, PageSize, folderCount + fileCount);
    }
}
