using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications;

/// <summary>The header's count: one indexed COUNT per page.</summary>
public sealed class UnreadCounter(PreauDbContext db)
{
    // Compiled once: every signed-in page runs it.
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid personId, CancellationToken ct) => db.Set<FeedItem>().AsNoTracking().Count(i => i.PersonId == personId && i.ReadAt == null));

    public Task<int> CountAsync(Guid personId, CancellationToken ct = default) => Unread(db, personId, ct);
}
