using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications;

internal sealed class NotificationReads(PreauDbContext db, AccessContext context, IHttpContextAccessor http, TimeProvider time) : INotificationReads
{
    public async Task MarkReadAsync(string url, CancellationToken ct = default)
    {
        var httpContext = http.HttpContext;
        if (context.PersonId is not { } personId || UnreadNotifications.ReadWithAccount.KnownFor(httpContext, personId) is not { } known || known == 0)
        {
            return;
        }
        // Looked for first: most pages opened have no unread item of their own, and an UPDATE, even of no row, is a
        // write transaction on SQLite (one writer at a time), where the evening mix measured it.
        var ids = await db.NotificationItems.AsNoTracking().Where(i => i.PersonId == personId && i.ReadAt == null && i.Url == url)
            .Select(i => i.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var read = await db.NotificationItems.Where(i => ids.Contains(i.Id) && i.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        // The count is bounded (UnreadNotifications.Shown + 1): below the bound it is exact and can be lowered.
        if (read > 0 && known <= UnreadNotifications.Shown)
        {
            UnreadNotifications.ReadWithAccount.Remember(httpContext!, personId, Math.Max(0, known - read));
        }
    }

    public async Task<IReadOnlySet<string>> UnreadAmongAsync(IReadOnlyCollection<string> urls, CancellationToken ct = default)
    {
        if (urls.Count == 0 || context.PersonId is not { } personId || UnreadNotifications.ReadWithAccount.KnownFor(http.HttpContext, personId) == 0)
        {
            return new HashSet<string>();
        }
        var list = urls.Distinct().ToList();
        var found = await db.NotificationItems.AsNoTracking().Where(i => i.PersonId == personId && i.ReadAt == null && list.Contains(i.Url))
            .Select(i => i.Url).Distinct().ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }
}
