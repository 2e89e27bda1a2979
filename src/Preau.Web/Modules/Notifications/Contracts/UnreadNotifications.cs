using System.Linq.Expressions;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications.Contracts;

/// <summary>
/// The header's unread count, as a piece of query: the account check that runs before every signed-in request inlines
/// it (<c>QueryTemplate</c>), so a page gets its count in the round trip it makes anyway instead of one more query.
/// </summary>
public static class UnreadNotifications
{
    private const string Item = "preau:notifications-unread";

    public static readonly Expression<Func<PreauDbContext, Guid, int>> Count =
        (db, personId) => db.Set<FeedItem>().Count(i => i.PersonId == personId && i.ReadAt == null);

    /// <summary>Keeps the count read with the account for the rest of this request (for that person only).</summary>
    public static void Remember(HttpContext http, Guid personId, int count) => http.Items[Item] = new Known(personId, count);

    internal static int? KnownFor(HttpContext? http, Guid personId) =>
        http?.Items[Item] is Known known && known.PersonId == personId ? known.Count : null;

    private sealed record Known(Guid PersonId, int Count);
}
