using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Skills.Sheet;

/// <summary>« Mes compétences »: the pupil's own sheet, in a pupil's words, read only.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(AccessContext context, SkillsQueries queries) : PageModel
{
    internal SheetView Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var sheet = a.PupilClassIds.Any() ? await queries.SheetAsync(a.PersonId, ct) : null;
        if (sheet is null)
        {
            return NotFound();
        }
        Sheet = sheet;
        return Page();
    }
}
