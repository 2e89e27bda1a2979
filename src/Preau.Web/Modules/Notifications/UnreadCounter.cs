using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications;

/// <summary>
/// The header's count. A page already has it: the account check read it (<see cref="UnreadNotifications"/>); the
/// query runs only for someone else than the signed-in account (a help-desk agent acting as a person) and for the live hub.
/// </summary>
public sealed class UnreadCounter(PreauDbContext db)
{
    // Compiled once: the hub asks it at each page's connection.
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(QueryTemplate.Expand<Func<PreauDbContext, Guid, CancellationToken, int>>(
        (db, personId, ct) => UnreadNotifications.Count.Inline(db, personId)));

    public Task<int> CountAsync(Guid personId, CancellationToken ct = default) => Unread(db, personId, ct);

    /// <summary>The count for this request's page: the one read with the account when it is that person's.</summary>
    public Task<int> CountAsync(HttpContext http, Guid personId) =>
        UnreadNotifications.ReadWithAccount.KnownFor(http, personId) is { } known ? Task.FromResult(known) : Unread(db, personId, http.RequestAborted);
}
