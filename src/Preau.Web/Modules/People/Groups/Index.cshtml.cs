using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// « Mes groupes »: the invitations waiting for an answer, the person's groups with their role and dates, their
/// pending requests, and the open groups of the territory they may ask to join (searchable, paged).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(PreauDbContext db, AccessContext context, GroupService groups) : PageModel
{
    public const int PageSize = 20;

    public sealed record MyGroup(Guid Id, string Name, GroupRole Role, DateOnly? StartsOn, DateOnly? EndsOn);
    public sealed record Pending(Guid RequestId, Guid GroupId, string GroupName, string? Description, GroupRole Role, DateOnly? EndsOn, string By);
    public sealed record OpenGroup(Guid Id, string Name, string? Description, int Members, bool Requested);

    public IReadOnlyList<MyGroup> Mine { get; private set; } = [];
    public IReadOnlyList<Pending> Invitations { get; private set; } = [];
    public IReadOnlyList<Pending> Requests { get; private set; } = [];
    public Shared.Paged<OpenGroup>? Open { get; private set; }
    public Territory.Pager OpenPager => new(Open?.Page ?? 1, Open?.PageCount ?? 1, p => Territory.Pager.Link("/groupes", p, ("q", Q)));
    public bool MayCreate { get; private set; }
    public DateOnly Today { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, bool accept, CancellationToken ct)
    {
        var error = await groups.AnswerInvitationAsync(requestId, accept, ct);
        return await DoneAsync(error, accept ? "Vous avez rejoint le groupe." : "Vous avez décliné l'invitation.", ct);
    }

    public async Task<IActionResult> OnPostJoinAsync(Guid groupId, CancellationToken ct)
    {
        var error = await groups.RequestToJoinAsync(groupId, ct);
        return await DoneAsync(error, "Votre demande a été envoyée aux responsables du groupe.", ct);
    }

    private async Task<IActionResult> DoneAsync(string? error, string notice, CancellationToken ct)
    {
        if (error is not null)
        {
            Error = error;
            await LoadAsync(ct);
            return Page();
        }
        Notice = notice;
        return RedirectToPage(new { q = Q, p = PageNumber > 1 ? PageNumber : (int?)null });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var me = a.PersonId;
        var today = groups.Today;
        Today = today;
        MayCreate = GroupService.MayCreate(a);
        // Current and upcoming memberships (ended ones give nothing and are not listed).
        Mine = await (from m in db.GroupMembers.IgnoreQueryFilters().AsNoTracking()
                      where m.PersonId == me && (m.EndsOn == null || m.EndsOn >= today)
                      join g in db.Groups.AsNoTracking() on m.GroupId equals g.Id
                      where !g.IsArchived
                      orderby g.Name
                      select new MyGroup(g.Id, g.Name, m.Role, m.StartsOn, m.EndsOn)).ToListAsync(ct);
        var pending = await (from r in db.GroupRequests.AsNoTracking()
                             where r.PersonId == me
                             // An invitation to a group since archived or over is worth nothing: not offered.
                             join g in db.Groups.AsNoTracking().Where(GroupService.RunningOn(today)) on r.GroupId equals g.Id
                             join p in db.Persons.AsNoTracking() on r.ById equals p.Id
                             orderby r.CreatedAt descending
                             select new { r.Kind, Item = new Pending(r.Id, g.Id, g.Name, g.Description, r.Role, r.EndsOn, p.FirstName + " " + p.LastName) })
            .ToListAsync(ct);
        Invitations = [.. pending.Where(x => x.Kind == GroupRequestKind.Invitation).Select(x => x.Item)];
        Requests = [.. pending.Where(x => x.Kind == GroupRequestKind.JoinRequest).Select(x => x.Item)];

        // Pupils join groups only when a teacher invites them.
        if (a.HasRole(Role.Pupil) && !a.Memberships.Any(m => m.Role != Role.Pupil))
        {
            return;
        }
        var mineIds = Mine.Select(m => m.Id).ToList();
        var open = db.Groups.AsNoTracking().Where(GroupService.RunningOn(today)).Where(g => g.IsOpen && !mineIds.Contains(g.Id));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Folded on both databases (ADR 0027): « echecs » finds « Club Échecs ».
            var pattern = SearchFold.Pattern(Q);
            open = open.Where(g => EF.Functions.Like(SearchFold.Fold(g.Name), pattern)
                || (g.Description != null && EF.Functions.Like(SearchFold.Fold(g.Description!), pattern)));
        }
        var total = await open.CountAsync(ct);
        var page = Territory.Pager.Clamp(PageNumber, total, PageSize);
        var requested = Requests.Select(r => r.GroupId).ToList();
        var items = await open.OrderBy(g => g.Name).ThenBy(g => g.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(g => new OpenGroup(g.Id, g.Name, g.Description, db.GroupMembers.Count(m => m.GroupId == g.Id), requested.Contains(g.Id)))
            .ToListAsync(ct);
        Open = new Shared.Paged<OpenGroup>(items, page, PageSize, total);
    }
}
