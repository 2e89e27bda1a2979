using System.Linq.Expressions;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Contracts;

/// <summary>
/// A person's unread messages, as a piece of query: the account check that runs before every signed-in request inlines
/// it (<c>QueryTemplate</c>), so the home page's « messages non lus » comes in the round trip made anyway. The partial
/// index on unread copies makes it one short index read on the other pages.
/// </summary>
public static class UnreadMessages
{
    private const string Item = "preau:messages-unread";

    /// <summary>Counted up to this; a person with more gets the exact count from its own query.</summary>
    public const int Bound = 100;

    public static readonly Expression<Func<PreauDbContext, Guid, int>> Count =
        (db, personId) => db.Set<MessageRecipient>().Where(r => r.PersonId == personId && r.State == RecipientState.Inbox && r.ReadAt == null).Take(Bound).Count();

    /// <summary>Keeps the count read with the account for the rest of this request (for that person only).</summary>
    public static void Remember(HttpContext http, Guid personId, int count) => http.Items[Item] = new Known(personId, count);

    /// <summary>The count read with the account, when it is exact (under the bound).</summary>
    internal static int? KnownFor(HttpContext? http, Guid personId) =>
        http?.Items[Item] is Known known && known.PersonId == personId && known.Count < Bound ? known.Count : null;

    private sealed record Known(Guid PersonId, int Count);
}
