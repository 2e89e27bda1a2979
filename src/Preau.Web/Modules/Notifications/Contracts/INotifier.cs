namespace Preau.Web.Modules.Notifications.Contracts;

/// <summary>What a notification is about; stored as a number, so new kinds are appended, never renumbered.</summary>
public enum NotificationKind
{
    Message = 1,
    LiaisonNote = 2,
    LiaisonReminder = 3,
    News = 4,
    BlogArticle = 5,
    Homework = 6,
    ForumReport = 7,
    /// <summary>Group invitations, join requests and their answers.</summary>
    Group = 8,
    /// <summary>Requests to the town hall: filed, commented, status changed.</summary>
    TownHallRequest = 9,
    /// <summary>Training sessions: reminders the day before.</summary>
    Training = 11,
    /// <summary>A collectivité's subscription recorded or renewed.</summary>
    Subscription = 12,
    /// <summary>Help-desk tickets: new, answered, escalated, returned, consent to remote assistance.</summary>
    Helpdesk = 10,
    /// <summary>
    /// The person's own account: a sign-in from a device not seen before. Mailed at once to adults with an address
    /// whatever their e-mail choice (one cannot opt out of learning that someone else may have their password), never
    /// put in a digest, and kept in the feed as already read (a record, not a count in the header).
    /// </summary>
    Security = 13,
}

/// <summary>
/// Tells people that something new awaits them: a feed item each, the live counter in the header and, per their
/// preference, an e-mail. Called by a module INSIDE its own unit of work: it only adds rows to the scoped
/// PreauDbContext, and the caller's SaveChangesAsync commits them with the business change (durable outbox:
/// nothing is sent for a change that was rolled back, nothing is lost for one that was committed).
/// </summary>
public interface INotifier
{
    /// <param name="personIds">Recipients (duplicates ignored); pupils get the feed item, never an e-mail.</param>
    /// <param name="kind">What it is about (the feed shows it).</param>
    /// <param name="title">French, short (200 characters at most), shown in the feed and the e-mail; no private content.</param>
    /// <param name="url">A local relative URL ("/liaison/…"), where the item leads.</param>
    /// <param name="fromPupilContent">Written by a pupil: the e-mail says only that there is something new.</param>
    void Enqueue(IReadOnlyCollection<Guid> personIds, NotificationKind kind, string title, string url, bool fromPupilContent = false);
}
