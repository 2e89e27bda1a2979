using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Web.Modules.Blogs.SchoolSheets;

/// <summary>The public sheet of a school (address, hours, the director's word, the town hall's information, its public blogs).</summary>
[AllowAnonymous]
public sealed class SheetModel(SchoolSheetService sheets) : PageModel
{
    public School School { get; private set; } = null!;
    public SchoolSheet Sheet { get; private set; } = null!;
    public IReadOnlyList<SheetBlog> Blogs { get; private set; } = [];
    public bool IsDirector { get; private set; }
    public bool IsTownHall { get; private set; }

    public async Task<IActionResult> OnGetAsync(string uai, CancellationToken ct)
    {
        if (await sheets.FindAsync(uai, ct) is not { } school)
        {
            return NotFound();
        }
        School = school;
        Sheet = await sheets.SheetAsync(school.Id, ct);
        Blogs = await sheets.PublicBlogsAsync(school.Id, ct);
        if (User.Identity?.IsAuthenticated == true)
        {
            IsDirector = await sheets.IsDirectorAsync(school, ct);
            IsTownHall = await sheets.IsTownHallAsync(school, ct);
        }
        return Page();
    }
}
