using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Help;

/// <summary>Level 1 (advisors, administrators) lists the help pages and known problems to write and update them.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ManageModel(PreauDbContext db, HelpdeskAccess access) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<HelpArticle> Result { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Result.Page, Result.PageCount, p => Pager.Link("/aide/gerer", p));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await access.AgentAsync(ct)).IsLevel1)
        {
            return Forbid();
        }
        var total = await db.HelpdeskArticles.CountAsync(ct);
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var items = await db.HelpdeskArticles.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.IsResolved).ThenByDescending(a => a.UpdatedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new Paged<HelpArticle>(items, PageNumber, PageSize, total);
        return Page();
    }
}
