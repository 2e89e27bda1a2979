using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Authorities;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public LocalAuthorityKind? KindFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "archivees")]
    public bool ShowArchived { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public sealed record Row(Guid Id, string Name, LocalAuthorityKind Kind, string? OfficialCode, bool IsArchived, int Schools, int Members);

    public Pager Pager => new(Result.Page, Result.PageCount,
        p => Pager.Link("/admin/collectivites", p, ("q", Search), ("type", KindFilter?.ToString()), ("archivees", ShowArchived ? "true" : null)));

    public async Task OnGetAsync()
    {
        var query = db.LocalAuthorities.AsNoTracking();
        if (!ShowArchived)
        {
            query = query.Where(a => !a.IsArchived);
        }
        if (KindFilter is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }
        var term = TerritoryLabels.Pattern(Search);
        if (term.Length > 0)
        {
            query = query.Where(a => SearchFold.Fold(a.Name).Contains(term) || (a.OfficialCode != null && SearchFold.Fold(a.OfficialCode!).Contains(term)));
        }
        var total = await query.CountAsync();
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await query.OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Name, a.Kind, a.OfficialCode, a.IsArchived,
                db.Schools.Count(s => s.LocalAuthorityId == a.Id && !s.IsArchived),
                db.LocalAuthorityMembers.Count(m => m.GroupId == a.Id)))
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
