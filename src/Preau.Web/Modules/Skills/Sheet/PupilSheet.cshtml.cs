using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Skills.Sheet;

/// <summary>
/// A pupil's « feuille de position », read only: every referential, state, date, the validating teacher's frozen
/// name, and the full history. Keyed by the pupil, so it follows them across classes, years and schools.
/// Seen by the pupil's guardians, the staff who manage the pupil, administrators; 404 for anyone else.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PupilSheetModel(AccessContext context, ScopeAccess scopes, SkillsQueries queries, TimeProvider time) : PageModel
{
    internal SheetView Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (a.PersonId == id)
        {
            return Redirect("/moi/competences");
        }
        if (!await MaySeeAsync(a, id, ct))
        {
            return NotFound();
        }
        var sheet = await queries.SheetAsync(id, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        Sheet = sheet;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (a.PersonId != id && !await MaySeeAsync(a, id, ct))
        {
            return NotFound();
        }
        var sheet = await queries.SheetAsync(id, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        var pdf = SheetPdf.Render(sheet, SkillText.Day(time.GetUtcNow().UtcDateTime));
        return File(pdf, "application/pdf", $"competences-{sheet.Pupil.LastName}-{sheet.Pupil.FirstName}.pdf".ToLowerInvariant().Replace(' ', '-'));
    }

    private async Task<bool> MaySeeAsync(Access a, Guid pupilId, CancellationToken ct) =>
        a.IsChild(pupilId) || await scopes.CanManagePersonAsync(pupilId, ct);
}
