using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Blogs.SchoolSheets;

/// <summary>The director edits hours and message (/modifier); the collectivité's agents their zone (/mairie). Others get 404.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(SchoolSheetService sheets) : PageModel
{
    public string Uai { get; private set; } = "";
    public string SchoolName { get; private set; } = "";
    public bool IsTownHallPart { get; private set; }

    [BindProperty]
    public string? Hours { get; set; }

    [BindProperty]
    public string? DirectorMessage { get; set; }

    [BindProperty]
    public string? TownHallInfo { get; set; }

    public async Task<IActionResult> OnGetAsync(string uai, string part, CancellationToken ct)
    {
        if (await AllowedAsync(uai, part, ct) is not { } schoolId)
        {
            return NotFound();
        }
        Response.Headers["X-Robots-Tag"] = "noindex";
        var sheet = await sheets.SheetAsync(schoolId, ct);
        Hours = sheet.Hours;
        DirectorMessage = sheet.DirectorMessage;
        TownHallInfo = sheet.TownHallInfo;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string uai, string part, CancellationToken ct)
    {
        if (await AllowedAsync(uai, part, ct) is not { } schoolId)
        {
            return NotFound();
        }
        static string? Clean(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(s.Trim().Length, max)];
        await sheets.SaveAsync(schoolId, sheet =>
        {
            if (IsTownHallPart)
            {
                sheet.TownHallInfo = Clean(TownHallInfo, 4000);
            }
            else
            {
                sheet.Hours = Clean(Hours, 2000);
                sheet.DirectorMessage = Clean(DirectorMessage, 4000);
            }
        }, ct);
        TempData["Notice"] = "La fiche de l'école est enregistrée.";
        return Redirect($"/ecoles/{Uai}");
    }

    private async Task<Guid?> AllowedAsync(string uai, string part, CancellationToken ct)
    {
        if (await sheets.FindAsync(uai, ct) is not { } school)
        {
            return null;
        }
        Uai = school.Uai;
        SchoolName = school.Name;
        IsTownHallPart = part == "mairie";
        var allowed = IsTownHallPart ? await sheets.IsTownHallAsync(school, ct) : await sheets.IsDirectorAsync(school, ct);
        return allowed ? school.Id : null;
    }
}
