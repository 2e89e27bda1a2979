using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Districts;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "archivees")]
    public bool ShowArchived { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Saved { get; set; }

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public sealed record Row(Guid Id, string Name, string? Code, bool IsArchived, int Schools);

    public Pager Pager => new(Result.Page, Result.PageCount,
        p => Pager.Link("/admin/circonscriptions", p, ("q", Search), ("archivees", ShowArchived ? "true" : null)));

    public async Task OnGetAsync()
    {
        var query = db.Districts.AsNoTracking();
        if (!ShowArchived)
        {
            query = query.Where(d => !d.IsArchived);
        }
        var term = TerritoryLabels.Pattern(Search);
        if (term.Length > 0)
        {
            query = query.Where(d => SearchFold.Fold(d.Name).Contains(term) || (d.Code != null && SearchFold.Fold(d.Code!).Contains(term)));
        }
        var total = await query.CountAsync();
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await query.OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(d => new Row(d.Id, d.Name, d.Code, d.IsArchived, db.Schools.Count(s => s.DistrictId == d.Id && !s.IsArchived)))
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
