using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

    public DocSpace Space { get; private set; } = null!;
    public DocRights Rights { get; private set; } = DocRights.None;
    /// <summary>The folder shown, with its ancestors (the folder first); empty at the root.</summary>
    public IReadOnlyList<DocFolder> Chain { get; private set; } = [];
    public DocFolder? Folder => Chain.Count > 0 ? Chain[0] : null;
    /// <summary>False when the person reaches this folder only through a share: the space's other folders are not theirs to see.</summary>
    public bool SeesSpace { get; private set; }
    public Paged<DocumentListing.Row> Items { get; private set; } = new([], 1, PageSize, 0);
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
        Items = await DocumentListing.PageAsync(db, type, spaceId, Folder?.Id, Sort, Math.Max(1, p), PageSize, ct);
        return true;
    }
}
