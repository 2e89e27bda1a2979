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
    /// <summary>The header shows the count up to this; above it, "99+" (and "plus de 99" for screen readers).</summary>
    public const int Shown = 99;

    // Counts at most one item more than the header shows: a person who never opens the feed would otherwise have every
    // unread item of the year read on each page they open (about 200 a year for a family).
    public static readonly Expression<Func<PreauDbContext, Guid, int>> Count =
        (db, personId) => db.Set<FeedItem>().Where(i => i.PersonId == personId && i.ReadAt == null).Take(Shown + 1).Count();

    /// <summary>Kept by the account check for the rest of the request.</summary>
    public static readonly CountReadWithAccount ReadWithAccount = new("preau:notifications-unread");
}
