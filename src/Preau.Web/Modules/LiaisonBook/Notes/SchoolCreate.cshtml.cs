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

/// <summary>The director writes one note to the families of several classes of the school (one note, several classes).</summary>
[Authorize(Policy = Policies.SchoolStaff)]
[RequestSizeLimit(NoteAttachments.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = NoteAttachments.MaxRequestBytes)]
public sealed class SchoolCreateModel(PreauDbContext db, ScopeAccess scopes, LiaisonActions actions, NoteAttachments attachments, IServiceSwitches switches) : PageModel
{
    public sealed record ClassRow(Guid Id, string Name);

    [BindProperty]
    public NoteInput Input { get; set; } = new();

    public string SchoolName { get; private set; } = "";
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var classIds = Input.ClassIds.Where(c => Classes.Any(x => x.Id == c)).Distinct().ToList();
        if (classIds.Count == 0)
        {
            ModelState.AddModelError("Input.ClassIds", "Cochez au moins une classe.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var newId = Guid.NewGuid();
        var refused = await attachments.SaveAllAsync(newId, QuotaScope.School(id), Input.Attachments, ct);
        if (refused.Count > 0)
        {
            foreach (var message in refused)
            {
                ModelState.AddModelError("Input.Attachments", message);
            }
            ModelState.AddModelError("Input.Attachments", "Le mot n'a pas été envoyé : choisissez à nouveau les pièces jointes (le texte est conservé).");
            return Page();
        }
        var noteId = await actions.CreateAsync(id, classIds, null, Input, ct, newId);
        TempData["Notice"] = "Le mot a été envoyé aux familles des classes choisies.";
        return Redirect($"/liaison/{noteId}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageSchoolAsync(id, ct))
        {
            return false;
        }
        SchoolName = await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == id && !c.IsArchived)
            .Join(db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent), c => c.SchoolYearId, y => y.Id, (c, y) => new ClassRow(c.Id, c.Name))
            .ToListAsync(ct);
        // Classes that switched their cahier de liaison off are not offered (nor accepted from a forged form).
        var off = await switches.OffAmongAsync(ServiceKeys.Liaison, ScopeType.Class, [.. classes.Select(c => c.Id)], ct);
        Classes = [.. classes.Where(c => !off.Contains(c.Id)).OrderBy(c => c.Name)];
        return true;
    }
}
