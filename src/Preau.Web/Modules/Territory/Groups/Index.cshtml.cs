using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Groups;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "archives")]
    public bool ShowArchived { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Saved { get; set; }

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Result.Page, Result.PageCount,
        p => Pager.Link("/admin/groupes", p, ("q", Search), ("archives", ShowArchived ? "true" : null)));

    public sealed record Row(Guid Id, string Name, string? Owner, int Members, DateOnly? StartsOn, DateOnly? EndsOn, bool IsArchived);

    public async Task OnGetAsync()
    {
        var query = db.Groups.AsNoTracking();
        if (!ShowArchived)
        {
            query = query.Where(g => !g.IsArchived);
        }
        var term = TerritoryLabels.Pattern(Search);
        if (term.Length > 0)
        {
            query = query.Where(g => SearchFold.Fold(g.Name).Contains(term));
        }
        var total = await query.CountAsync();
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await (
            from g in query
            join o in db.Persons on g.OwnerId equals o.Id into owners
            from o in owners.DefaultIfEmpty()
            orderby g.Name, g.Id
            select new Row(g.Id, g.Name, o == null ? null : o.FirstName + " " + o.LastName,
                db.GroupMembers.Count(m => m.GroupId == g.Id), g.StartsOn, g.EndsOn, g.IsArchived))
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
