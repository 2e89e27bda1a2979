namespace Preau.Web.Modules.Messaging.Contracts;

/// <summary>What the home page and the API show of the messagerie: a count, never the messages themselves.</summary>
public interface IMessagingCounts
{
    /// <summary>Unread messages in the person's inbox (one query).</summary>
    Task<int> UnreadAsync(Guid personId, CancellationToken ct = default);
}
