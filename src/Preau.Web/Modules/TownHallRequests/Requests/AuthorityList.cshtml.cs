using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests.Requests;

/// <summary>The requests sent to a collectivité (its municipal agents only), filtered and paged, with the average time to close per type.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AuthorityListModel(TownHallAccess access, TownHallDesk desk, RequestList list, PreauDbContext db) : PageModel
{
    public AuthorityDesk Authority { get; private set; } = null!;
    public RequestFilter Filter { get; private set; } = new(null, null, null, null);
    public IReadOnlyList<RequestType> Types { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Schools { get; private set; } = [];
    public Paged<RequestRow> Requests { get; private set; } = new([], 1, RequestList.PageSize, 0);
    public Territory.Pager Pager { get; private set; } = null!;
    public IReadOnlySet<Guid> Unread { get; private set; } = new HashSet<Guid>();
    public IReadOnlyList<CloseTime> CloseTimes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? statut, string? type, string? ecole, string? urgence, string? suivi, int p = 1, CancellationToken ct = default)
    {
        if (await access.ForAuthorityAsync(id, ct) is not { } authority)
        {
            return NotFound();
        }
        Authority = authority;
        Filter = RequestFilterBinding.Parse(statut, type, ecole, urgence, suivi);
        Types = await desk.TypesAsync(id, includeArchived: true, ct);
        Schools = [.. (await db.Schools.AsNoTracking().Where(s => s.LocalAuthorityId == id && !s.IsArchived).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name))];
        Requests = await list.PageAsync(id, null, Filter, p, ct, authority.PersonId);
        Unread = await list.UnreadAsync(Requests.Items, ct);
        Pager = new Territory.Pager(Requests.Page, Requests.PageCount, n => RequestList.Link($"/collectivite/{id}/demandes", Filter, n));
        CloseTimes = await desk.CloseTimesAsync(id, ct);
        return Page();
    }
}
