using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Messaging.Contracts;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging;

public enum Folder
{
    Inbox,
    Sent,
    Drafts,
    Trash,
    Search,
}

/// <summary>A line of a folder: who (the sender, or the recipients for « Envoyés »), what, when, unread, hidden.</summary>
public sealed record MailRow(Guid Id, string Subject, string Who, DateTime At, bool Unread, bool Hidden, bool Mine, int Read = 0, int Total = 0);

/// <summary>
/// The folders and the search, each in a fixed number of queries (count, page, and for « Envoyés » the read
/// counts of the page): the inbox uses the (person, state, sent at) index of the recipients' copies.
/// </summary>
public sealed class MailQueries(PreauDbContext db, IHttpContextAccessor http) : IMessagingCounts
{
    public const int PageSize = 20;

    // Compiled once (as the queries below on the hot pages): building and looking up a LINQ query's expression tree
    // costs more processor than the indexed count itself.
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid personId, CancellationToken ct) =>
            db.MessageRecipients.Count(r => r.PersonId == personId && r.State == RecipientState.Inbox && r.ReadAt == null));

    /// <summary>The count read with the account check when this request has it, else one indexed count.</summary>
    public Task<int> UnreadAsync(Guid personId, CancellationToken ct = default) =>
        UnreadMessages.ReadWithAccount.KnownFor(http.HttpContext, personId, UnreadMessages.Bound) is { } known ? Task.FromResult(known) : Unread(db, personId, ct);

    public async Task<Paged<MailRow>> FolderAsync(Guid me, Folder folder, string? q, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var skip = (page - 1) * PageSize;
        switch (folder)
        {
            case Folder.Inbox:
                return (await InboxAsync(me, page, ct)).Rows;
            case Folder.Sent:
            case Folder.Drafts:
            {
                var state = folder == Folder.Sent ? SenderState.Sent : SenderState.Draft;
                var mine = db.Messages.AsNoTracking().Where(m => m.SenderId == me && m.SenderState == state);
                var total = await mine.CountAsync(ct);
                var rows = await mine.OrderByDescending(m => m.SentAt ?? m.CreatedAt).Skip(skip).Take(PageSize)
                    .Select(m => new MailRow(m.Id, m.Subject, m.RecipientSummary ?? "", m.SentAt ?? m.CreatedAt, false, m.HiddenAt != null, true, 0, 0))
                    .ToListAsync(ct);
                if (folder == Folder.Sent)
                {
                    rows = await WithReadCountsAsync(rows, ct);
                }
                return new Paged<MailRow>(rows, page, PageSize, total);
            }
            default:
            {
                // Trash and search: the person's own mail in either role, one query with EXISTS for the received copies.
                var states = folder == Folder.Trash ? new[] { RecipientState.Trash } : [RecipientState.Inbox, RecipientState.Trash];
                var senderStates = folder == Folder.Trash ? new[] { SenderState.Trash } : [SenderState.Sent, SenderState.Draft, SenderState.Trash];
                var own =
                    from m in db.Messages.AsNoTracking()
                    join p in db.Persons.AsNoTracking() on m.SenderId equals p.Id
                    where (m.SenderId == me && senderStates.Contains(m.SenderState))
                        || db.MessageRecipients.Any(r => r.MessageId == m.Id && r.PersonId == me && states.Contains(r.State))
                    select new { m, p.FirstName, p.LastName, p.SearchName };
                if (folder == Folder.Search)
                {
                    var pattern = SearchFold.Pattern(q);
                    // Hidden messages are searched by nobody's words: their text is not shown to the participants.
                    own = own.Where(x => x.m.HiddenAt == null && (EF.Functions.Like(SearchFold.Fold(x.m.Subject), pattern) || EF.Functions.Like(SearchFold.Fold(x.m.Body), pattern)
                        || EF.Functions.Like(SearchFold.Folded(x.SearchName), pattern)));
                }
                var total = await own.CountAsync(ct);
                var rows = await own.OrderByDescending(x => x.m.SentAt ?? x.m.CreatedAt).Skip(skip).Take(PageSize)
                    .Select(x => new MailRow(x.m.Id, x.m.Subject, x.m.SenderId == me ? (x.m.RecipientSummary ?? "") : x.FirstName + " " + x.LastName,
                        x.m.SentAt ?? x.m.CreatedAt,
                        x.m.SenderId != me && db.MessageRecipients.Any(r => r.MessageId == x.m.Id && r.PersonId == me && r.ReadAt == null),
                        x.m.HiddenAt != null, x.m.SenderId == me, 0, 0))
                    .ToListAsync(ct);
                return new Paged<MailRow>(rows, page, PageSize, total);
            }
        }
    }

    /// <summary>« 12 / 25 lu » for each sent message of a page, in one grouped query.</summary>
    public async Task<List<MailRow>> WithReadCountsAsync(List<MailRow> rows, CancellationToken ct)
    {
        var counts = await ReadCounts(db, [.. rows.Select(r => r.Id)]).ToDictionaryAsync(x => x.Key, cancellationToken: ct);
        return [.. rows.Select(r => counts.TryGetValue(r.Id, out var c) ? r with { Read = c.Read, Total = c.Total } : r)];
    }

    // The inbox is every family's second page of the evening: its two queries are compiled once (see Unread).
    /// <summary>A page of the inbox and the unread count of the menu: both counts in one query.</summary>
    public async Task<(Paged<MailRow> Rows, int Unread)> InboxAsync(Guid me, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var counts = await InboxCounts(db, me, ct);
        var rows = await InboxPage(db, me, (page - 1) * PageSize).ToListAsync(ct);
        return (new Paged<MailRow>(rows, page, PageSize, counts?.Total ?? 0), counts?.Unread ?? 0);
    }

    private sealed record Counts(int Total, int Unread);

    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<Counts?>> InboxCounts = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid me, CancellationToken ct) => db.MessageRecipients.Where(r => r.PersonId == me && r.State == RecipientState.Inbox)
            .GroupBy(r => 1).Select(g => new Counts(g.Count(), g.Count(r => r.ReadAt == null))).FirstOrDefault());

    private static readonly Func<PreauDbContext, Guid, int, IAsyncEnumerable<MailRow>> InboxPage = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid me, int skip) =>
            (from r in db.MessageRecipients.AsNoTracking().Where(r => r.PersonId == me && r.State == RecipientState.Inbox)
             join m in db.Messages.AsNoTracking() on r.MessageId equals m.Id
             join p in db.Persons.AsNoTracking() on m.SenderId equals p.Id
             orderby r.SentAt descending
             select new MailRow(m.Id, m.Subject, p.FirstName + " " + p.LastName, r.SentAt, r.ReadAt == null, m.HiddenAt != null, false, 0, 0))
                .Skip(skip).Take(PageSize));

    internal sealed record ReadCount(Guid Key, int Total, int Read);

    /// <summary>How many recipients each of these messages has, and how many read it (one grouped query).</summary>
    internal static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<ReadCount>> ReadCounts = EF.CompileAsyncQuery(
        (PreauDbContext db, List<Guid> messageIds) => db.MessageRecipients.AsNoTracking().Where(r => messageIds.Contains(r.MessageId))
            .GroupBy(r => r.MessageId).Select(g => new ReadCount(g.Key, g.Count(), g.Count(r => r.ReadAt != null))));
}
