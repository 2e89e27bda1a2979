using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Documents.Pages;

/// <summary>
/// A document at its stable address /documents/fichier/{id} (the link people paste in messages, articles and homework:
/// it checks access itself, so it only opens for those allowed). Preview of images and PDFs, download, copy of the
/// link, and for writers rename, move, copy, trash and share.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DocumentModel(DocumentAccess access, DocumentActions actions, AccessContext context) : PageModel
{
    public DocFile Doc { get; private set; } = null!;
    public DocRights Rights { get; private set; } = DocRights.None;
    public DocSpace Space { get; private set; } = null!;
    public IReadOnlyList<DocFolder> Chain { get; private set; } = [];
    public bool SeesSpace { get; private set; }
    public Guid Viewer { get; private set; }
    /// <summary>Folders of the document's space it may be moved or copied to (writers of the space only).</summary>
    public IReadOnlyList<(Guid? Id, string Path)> Destinations { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool CanPreview => DocumentEndpoints.CanPreview(Doc.ContentType);
    public string FolderUrl => Chain.Count > 0 ? $"/documents/dossier/{Chain[0].Id}" : SeesSpace ? Space.Url(Viewer) : "/documents/partages";

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Rights.Write)
        {
            return NotFound();
        }
        var (name, error) = DocumentActions.CheckName(Name);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Name), error);
            return Page();
        }
        await actions.RenameFileAsync(id, name!, ct);
        Notice = "Le document a été renommé.";
        return Redirect($"/documents/fichier/{id}");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? destination, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Rights.Manage)
        {
            return NotFound();
        }
        Guid? target = Guid.TryParse(destination, out var d) ? d : null;
        if (!Destinations.Any(x => x.Id == target))
        {
            Errors = ["Choisissez un dossier de destination de cet espace."];
            return Page();
        }
        await actions.MoveFileAsync(id, target, ct);
        Notice = "Le document a été déplacé.";
        return Redirect($"/documents/fichier/{id}");
    }

    /// <summary>Copy into a folder of the same space (writers), or into one's own documents (anyone who reads it).</summary>
    public async Task<IActionResult> OnPostCopyAsync(Guid id, string? destination, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        DocSpace target;
        Guid? folderId = null;
        if (destination == "moi")
        {
            target = new DocSpace(DocSpaceType.Person, Viewer, "Mes documents");
        }
        else if (Rights.Manage && Destinations.Any(x => x.Id?.ToString() == destination || (x.Id is null && destination == "")))
        {
            target = Space;
            folderId = Guid.TryParse(destination, out var d) ? d : null;
        }
        else
        {
            Errors = ["Choisissez où copier le document."];
            return Page();
        }
        var (copyId, error) = await actions.CopyFileAsync(Doc, target, folderId, Viewer, ct);
        if (copyId is null)
        {
            Errors = [error!];
            return Page();
        }
        Notice = target.Type == DocSpaceType.Person && target.Id == Viewer ? "Une copie a été ajoutée à vos documents." : "Le document a été copié.";
        return Redirect($"/documents/fichier/{copyId}");
    }

    public async Task<IActionResult> OnPostTrashAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Rights.Write)
        {
            return NotFound();
        }
        await actions.TrashFileAsync(id, ct);
        TempData["Notice"] = $"« {Doc.Name} » a été mis à la corbeille.";
        return Redirect(FolderUrl);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.OpenFileAsync(id, ct) is not { } opened)
        {
            return false;
        }
        var a = await context.GetAsync(ct);
        Viewer = a.PersonId;
        (Doc, Chain, Rights) = opened;
        var type = Doc.SpaceType;
        SeesSpace = (await access.ForSpaceAsync(type, Doc.SpaceId, ct)).Read;
        Space = new DocSpace(type, Doc.SpaceId, type == DocSpaceType.Person && Doc.SpaceId == Viewer ? "Mes documents" : await access.SpaceNameAsync(type, Doc.SpaceId, ct));
        if (Rights.Manage)
        {
            Destinations = await actions.DestinationsAsync(type, Doc.SpaceId, null, ct);
        }
        return true;
    }
}
