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

    /// <summary>The header shows the count up to this; above it, "99+" (and "plus de 99" for screen readers).</summary>
    public const int Shown = 99;

    // Counts at most one item more than the header shows: a person who never opens the feed would otherwise have every
    // unread item of the year read on each page they open (about 200 a year for a family).
    public static readonly Expression<Func<PreauDbContext, Guid, int>> Count =
        (db, personId) => db.Set<FeedItem>().Where(i => i.PersonId == personId && i.ReadAt == null).Take(Shown + 1).Count();

    /// <summary>Keeps the count read with the account for the rest of this request (for that person only).</summary>
    public static void Remember(HttpContext http, Guid personId, int count) => http.Items[Item] = new Known(personId, count);

    internal static int? KnownFor(HttpContext? http, Guid personId) =>
        http?.Items[Item] is Known known && known.PersonId == personId ? known.Count : null;

    private sealed record Known(Guid PersonId, int Count);
}
