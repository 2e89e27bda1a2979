namespace Preau.Web.Modules.Notifications.Contracts;

/// <summary>
/// Opening what a notification points at reads it: a parent who opens a liaison note from the home page, or a message
/// from the inbox, should not still find it counted under the bell.
/// </summary>
public interface INotificationReads
{
    /// <summary>
    /// Marks the signed-in person's unread items leading to <paramref name="url"/> (as the notifier wrote it) as read,
    /// and lowers the count this request's header shows. No query when the account check found nothing unread, and
    /// nothing while a help-desk agent acts for the person.
    /// </summary>
    Task MarkReadAsync(string url, CancellationToken ct = default);

    /// <summary>
    /// Which of <paramref name="urls"/> an unread item of the signed-in person leads to: a list marks those rows
    /// « Nouveau » (a director's requests to the town hall with an answer not yet read). No query when the account
    /// check found nothing unread.
    /// </summary>
    Task<IReadOnlySet<string>> UnreadAmongAsync(IReadOnlyCollection<string> urls, CancellationToken ct = default);
}
