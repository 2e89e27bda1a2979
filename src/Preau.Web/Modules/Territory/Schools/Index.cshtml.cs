using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Schools;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "circonscription")]
    public Guid? DistrictFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "collectivite")]
    public Guid? AuthorityFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "archivees")]
    public bool ShowArchived { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<Option> Districts { get; private set; } = [];
    public IReadOnlyList<Option> Authorities { get; private set; } = [];

    public sealed record Row(Guid Id, string Uai, string Name, SchoolType Type, string? City, string District, string Authority, bool IsArchived);

    public sealed record Option(Guid Id, string Name);

    public Pager Pager => new(Result.Page, Result.PageCount,
        p => Pager.Link("/admin/ecoles", p, ("q", Search), ("circonscription", DistrictFilter?.ToString()),
            ("collectivite", AuthorityFilter?.ToString()), ("archivees", ShowArchived ? "true" : null)));

    public async Task OnGetAsync()
    {
        Districts = await db.Districts.AsNoTracking().Where(d => !d.IsArchived || d.Id == DistrictFilter)
            .OrderBy(d => d.Name).Select(d => new Option(d.Id, d.Name)).ToListAsync();
        Authorities = await db.LocalAuthorities.AsNoTracking().Where(a => !a.IsArchived || a.Id == AuthorityFilter)
            .OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync();

        var schools = db.Schools.AsNoTracking();
        if (!ShowArchived)
        {
            schools = schools.Where(s => !s.IsArchived);
        }
        var term = TerritoryLabels.Pattern(Search);
        if (term.Length > 0)
        {
            schools = schools.Where(s => SearchFold.Fold(s.Name).Contains(term) || SearchFold.Fold(s.Uai).Contains(term)
                || (s.City != null && SearchFold.Fold(s.City!).Contains(term)));
        }
        if (DistrictFilter is { } districtId)
        {
            schools = schools.Where(s => s.DistrictId == districtId);
        }
        if (AuthorityFilter is { } authorityId)
        {
            // A groupement's filter also shows the schools of its member communes.
            schools = schools.Where(s => s.LocalAuthorityId == authorityId
                || db.LocalAuthorityMembers.Any(m => m.GroupId == authorityId && m.MunicipalityId == s.LocalAuthorityId));
        }
        var total = await schools.CountAsync();
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await (
            from s in schools
            join d in db.Districts on s.DistrictId equals d.Id
            join a in db.LocalAuthorities on s.LocalAuthorityId equals a.Id
            orderby s.Name, s.Uai
            select new Row(s.Id, s.Uai, s.Name, s.Type, s.City, d.Name, a.Name, s.IsArchived))
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
