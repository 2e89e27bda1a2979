using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications;

/// <summary>The header's count: one indexed COUNT per page.</summary>
public sealed class UnreadCounter(PreauDbContext db)
{
    public Task<int> CountAsync(Guid personId, CancellationToken ct = default) =>
        db.Set<FeedItem>().AsNoTracking().CountAsync(i => i.PersonId == personId && i.ReadAt == null, ct);
}
