using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.TownHallRequests.Requests;

/// <summary>A school's requests to its town hall (directors, and teachers when the collectivité allows it), filtered and paged.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class SchoolListModel(TownHallAccess access, TownHallDesk desk, RequestList list) : PageModel
{
    public SchoolDesk School { get; private set; } = null!;
    public RequestFilter Filter { get; private set; } = new(null, null, null, null);
    public IReadOnlyList<RequestType> Types { get; private set; } = [];
    public Paged<RequestRow> Requests { get; private set; } = new([], 1, RequestList.PageSize, 0);
    public Territory.Pager Pager { get; private set; } = null!;
    public IReadOnlySet<Guid> Unread { get; private set; } = new HashSet<Guid>();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? statut, string? type, string? urgence, int p = 1, CancellationToken ct = default)
    {
        if (await access.ForSchoolAsync(id, ct) is not { } school)
        {
            return NotFound();
        }
        School = school;
        Filter = RequestFilterBinding.Parse(statut, type, null, urgence);
        Types = await desk.TypesAsync(school.LocalAuthorityId, includeArchived: true, ct);
        Requests = await list.PageAsync(null, id, Filter, p, ct);
        Unread = await list.UnreadAsync(Requests.Items, ct);
        Pager = new Territory.Pager(Requests.Page, Requests.PageCount, n => RequestList.Link($"/ecole/{id}/demandes-mairie", Filter, n));
        return Page();
    }
}
