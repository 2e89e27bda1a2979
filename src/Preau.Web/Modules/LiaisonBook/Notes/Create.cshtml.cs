using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook.Notes;

/// <summary>A teacher (or the director, or an administrator) writes a note to the families of the class or of chosen pupils.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
[RequestSizeLimit(NoteAttachments.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = NoteAttachments.MaxRequestBytes)]
public sealed class CreateModel(PreauDbContext db, ScopeAccess scopes, LiaisonQueries queries, LiaisonActions actions, NoteAttachments attachments, IServiceSwitches switches) : PageModel
{
    [BindProperty]
    public NoteInput Input { get; set; } = new();

    public string ClassName { get; private set; } = "";
    public IReadOnlyList<LiaisonPupil> Pupils { get; private set; } = [];
    private Guid _schoolId;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var chosen = Input.Recipients == "eleves";
        var pupilIds = Input.PupilIds.Where(p => Pupils.Any(x => x.Id == p)).ToList();
        if (chosen && pupilIds.Count == 0)
        {
            ModelState.AddModelError("Input.PupilIds", "Cochez au moins un élève, ou choisissez toute la classe.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var newId = Guid.NewGuid();
        var refused = await attachments.SaveAllAsync(newId, QuotaScope.Class(id), Input.Attachments, ct);
        if (refused.Count > 0)
        {
            foreach (var message in refused)
            {
                ModelState.AddModelError("Input.Attachments", message);
            }
            ModelState.AddModelError("Input.Attachments", "Le mot n'a pas été envoyé : choisissez à nouveau les pièces jointes (le texte est conservé).");
            return Page();
        }
        await actions.CreateAsync(_schoolId, [id], chosen ? pupilIds : null, Input, ct, newId);
        TempData["Notice"] = "Le mot a été envoyé aux familles.";
        return Redirect($"/classe/{id}/liaison");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct) || !await switches.IsOnAsync(ServiceKeys.Liaison, ScopeType.Class, id, ct))
        {
            return false;
        }
        var cls = await db.Classes.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, c.SchoolId }).FirstAsync(ct);
        ClassName = cls.Name;
        _schoolId = cls.SchoolId;
        Pupils = (await queries.PupilsOfClassAsync(id, ct));
        return true;
    }
}
