using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Admin;

/// <summary>Départemental administrators find anyone by name or login, optionally by role.</summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public Role? RoleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public sealed record Row(Guid Id, string FirstName, string LastName, string? Login, bool IsDisabled, bool IsPupil);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var people = from p in db.Persons.AsNoTracking()
                     join u in db.Users.AsNoTracking() on p.Id equals u.Id into pu
                     from u in pu.DefaultIfEmpty()
                     select new { p, u };
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = SearchFold.Fold(Query.Trim());
            people = people.Where(x => SearchFold.Folded(x.p.SearchName).Contains(term) || (x.u != null && x.u.NormalizedUserName!.Contains(term)));
        }
        if (RoleFilter is { } role)
        {
            people = role == Role.Guardian
                ? people.Where(x => db.GuardianLinks.Any(l => l.GuardianId == x.p.Id))
                : people.Where(x => db.Memberships.Any(m => m.PersonId == x.p.Id && m.Role == role));
        }
        var total = await people.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await people.OrderBy(x => x.p.LastName).ThenBy(x => x.p.FirstName).ThenBy(x => x.p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new Row(x.p.Id, x.p.FirstName, x.p.LastName, x.u == null ? null : x.u.UserName,
                x.u != null && x.u.IsDisabled, x.u != null && x.u.IsPupil))
            .ToListAsync(ct);
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
