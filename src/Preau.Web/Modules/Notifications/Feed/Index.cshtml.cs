using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications.Feed;

/// <summary>The person's notifications, newest first, twenty a page; unread ones marked. Two queries a page.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(PreauDbContext db, AccessContext context, TimeProvider time, IHubContext<NotificationHub> hub) : PageModel
{
    public const int PageSize = 20;

    public Paged<FeedItem> Feed { get; private set; } = new([], 1, PageSize, 0);
    public int Unread { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var personId = context.PersonId!.Value;
        var page = Math.Max(1, p);
        var counts = await db.NotificationItems.AsNoTracking().Where(i => i.PersonId == personId)
            .GroupBy(i => 1).Select(g => new { Total = g.Count(), Unread = g.Count(i => i.ReadAt == null) }).FirstOrDefaultAsync(ct);
        var items = await db.NotificationItems.AsNoTracking().Where(i => i.PersonId == personId)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Feed = new Paged<FeedItem>(items, page, PageSize, counts?.Total ?? 0);
        Unread = counts?.Unread ?? 0;
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var personId = context.PersonId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await db.NotificationItems.Where(i => i.PersonId == personId && i.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        // The person's other open pages (a phone, another tab) drop their counter too.
        await hub.Clients.Group(NotificationHub.GroupOf(personId)).SendAsync("unread", 0, ct);
        Notice = "Toutes vos notifications sont marquées comme lues.";
        return Redirect("/notifications");
    }
}
