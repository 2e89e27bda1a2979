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
    /// <summary>Counted up to this; a person with more gets the exact count from its own query.</summary>
    public const int Bound = 100;

    public static readonly Expression<Func<PreauDbContext, Guid, int>> Count =
        (db, personId) => db.Set<MessageRecipient>().Where(r => r.PersonId == personId && r.State == RecipientState.Inbox && r.ReadAt == null).Take(Bound).Count();

    /// <summary>Kept by the account check; read back only when exact (under the bound).</summary>
    public static readonly CountReadWithAccount ReadWithAccount = new("preau:messages-unread");
}
