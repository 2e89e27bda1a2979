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

/// <summary>
/// « Besoin d'aide ? »: the help page of the service the person came from, every service's help, the known problems
/// (current first, paged) and the way to file a ticket carrying the page they came from.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(PreauDbContext db, HelpdeskAccess access) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "depuis")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public HelpServices.Service? Suggested { get; private set; }
    public IReadOnlySet<string> ServicesWithHelp { get; private set; } = new HashSet<string>();
    public Paged<HelpArticle> Problems { get; private set; } = new([], 1, PageSize, 0);
    public bool IsLevel1 { get; private set; }

    public string NewTicketUrl => From is null ? "/assistance/nouvelle" : "/assistance/nouvelle?depuis=" + Uri.EscapeDataString(From);

    public Pager Pager => new(Problems.Page, Problems.PageCount, p => Pager.Link("/aide", p, ("depuis", From)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        From = HelpdeskService.SafeLocalPath(From);
        Suggested = HelpServices.ForPath(From);
        IsLevel1 = (await access.AgentAsync(ct)).IsLevel1;
        ServicesWithHelp = (await db.HelpdeskArticles.AsNoTracking().Where(a => a.Kind == HelpArticleKind.ServiceHelp && a.Service != null)
            .Select(a => a.Service!).Distinct().ToListAsync(ct)).ToHashSet();
        var problems = db.HelpdeskArticles.AsNoTracking().Where(a => a.Kind == HelpArticleKind.KnownProblem);
        var total = await problems.CountAsync(ct);
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var items = await problems.OrderBy(a => a.IsResolved).ThenByDescending(a => a.UpdatedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Problems = new Paged<HelpArticle>(items, PageNumber, PageSize, total);
    }
}
