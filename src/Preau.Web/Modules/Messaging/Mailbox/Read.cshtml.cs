using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Messaging.Attachments;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.Messaging.Moderation;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Mailbox;

/// <summary>
/// Reading a message with its thread (the messages of the same thread the person sent or received), which marks
/// them read. A message the person neither sent, received nor moderates answers 404. The sender sees who read it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReadModel(PreauDbContext db, AccessContext context, MailActions actions, ModerationService moderation, MessageAttachments attachments, INotificationReads reads) : PageModel
{
    public sealed record Item(Guid Id, string Sender, Guid SenderId, DateTime At, string Subject, string Body, bool Hidden, string? To, int Read, int Total);

    public sealed record Reader(string Name, DateTime? ReadAt);

    public IReadOnlyList<Item> Thread { get; private set; } = [];
    public Item Current { get; private set; } = null!;
    public bool IsSender { get; private set; }
    public bool IsRecipient { get; private set; }
    public bool InTrash { get; private set; }
    public bool AsModerator { get; private set; }
    public IReadOnlyList<Reader> Readers { get; private set; } = [];
    public Guid PersonId { get; private set; }
    /// <summary>The attachments of the thread's messages, for participants only (moderators read the text, not the files).</summary>
    public ILookup<Guid, FileInfoRow> Files { get; private set; } = Array.Empty<FileInfoRow>().ToLookup(f => f.OwnerId);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        PersonId = a.PersonId;
        // The message with the person's own copy of it, in one query.
        var found = await MessageWithCopy(db, id, a.PersonId, ct);
        if (found is null)
        {
            return NotFound();
        }
        var (m, copy) = (found.Message, found.Copy);
        IsSender = m.SenderId == a.PersonId && m.SenderState != SenderState.Deleted;
        IsRecipient = copy is not null;
        if (IsSender && m.SenderState == SenderState.Draft)
        {
            return Redirect("/messagerie/nouveau?brouillon=" + id);
        }
        if (!IsSender && !IsRecipient)
        {
            AsModerator = await moderation.ModeratesMessageAsync(a, id, ct);
            if (!AsModerator)
            {
                return NotFound();
            }
        }
        InTrash = (IsSender && m.SenderState == SenderState.Trash) || copy?.State == RecipientState.Trash;

        var me = a.PersonId;
        var rows = AsModerator
            ? await ModeratedMessage(db, id, me).ToListAsync(ct)
            : await ThreadOf(db, m.ThreadId, me).ToListAsync(ct);
        var mineIds = rows.Where(r => r.SenderId == me).Select(r => r.Id).ToList();
        var counts = mineIds.Count == 0 ? [] : await MailQueries.ReadCounts(db, mineIds).ToDictionaryAsync(x => x.Key, cancellationToken: ct);
        // The moderator reads what was hidden; the participants do not.
        Thread = [.. rows.Select(r => new Item(r.Id, r.Sender, r.SenderId, r.SentAt!.Value, r.Subject, r.Body, r.HiddenAt != null && !AsModerator, r.RecipientSummary,
            counts.TryGetValue(r.Id, out var c) ? c.Read : 0, counts.TryGetValue(r.Id, out var t) ? t.Total : 0))];
        Current = Thread.First(t => t.Id == id);
        if (!AsModerator)
        {
            Files = await attachments.OfMessagesAsync([.. Thread.Where(t => !t.Hidden).Select(t => t.Id)], ct);
        }
        if (IsSender)
        {
            Readers = await ReadersOf(db, id).ToListAsync(ct);
        }
        // Only when something is unread: a message read again writes nothing.
        var unread = rows.Where(r => r.Unread && r.SenderId != me).Select(r => r.Id).ToList();
        if (!AsModerator && unread.Count > 0)
        {
            await actions.MarkReadAsync(me, unread, ct);
        }
        // Opened here, its notifications are read (the bell stops counting them).
        await reads.MarkReadAsync($"/messagerie/{id}", ct);
        return Page();
    }

    // The queries of reading a message are compiled once: every family reads messages in the evening, and building
    // and looking up a LINQ query's expression tree each time cost more processor than the database spent on them.

    private sealed record Found(Message Message, MessageRecipient? Copy);

    // A plain outer join (one copy at most per person: the key), which SQLite has and a lateral join is not.
    private static readonly Func<PreauDbContext, Guid, Guid, CancellationToken, Task<Found?>> MessageWithCopy = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid id, Guid personId, CancellationToken ct) =>
            (from x in db.Messages.AsNoTracking().Where(x => x.Id == id)
             join r in db.MessageRecipients.AsNoTracking().Where(r => r.PersonId == personId && r.State != RecipientState.Deleted)
                 on x.Id equals r.MessageId into copies
             from r in copies.DefaultIfEmpty()
             select new Found(x, r)).FirstOrDefault());

    private sealed record Row(Guid Id, string Sender, Guid SenderId, DateTime? SentAt, string Subject, string Body, DateTime? HiddenAt, string? RecipientSummary, bool Unread);

    // The messages of a thread as one participant sees them, oldest first, with whether each is unread for them.
    private static readonly Expression<Func<PreauDbContext, IQueryable<Message>, Guid, IQueryable<Row>>> ThreadRowsOf =
        (db, items, me) =>
            from x in items
            join p in db.Persons on x.SenderId equals p.Id
            orderby x.SentAt
            select new Row(x.Id, p.FirstName + " " + p.LastName, x.SenderId, x.SentAt, x.Subject, x.Body, x.HiddenAt, x.RecipientSummary,
                db.MessageRecipients.Any(r => r.MessageId == x.Id && r.PersonId == me && r.ReadAt == null));

    private static readonly Func<PreauDbContext, Guid, Guid, IAsyncEnumerable<Row>> ThreadOf = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, Guid, IQueryable<Row>>>((db, threadId, me) =>
            ThreadRowsOf.Inline(db, db.Messages.AsNoTracking().Where(x => x.ThreadId == threadId && x.SentAt != null
                && ((x.SenderId == me && x.SenderState != SenderState.Deleted)
                    || db.MessageRecipients.Any(r => r.MessageId == x.Id && r.PersonId == me && r.State != RecipientState.Deleted))), me)
                .Take(100)));

    // A moderator reads the reported message only.
    private static readonly Func<PreauDbContext, Guid, Guid, IAsyncEnumerable<Row>> ModeratedMessage = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, Guid, IQueryable<Row>>>((db, id, me) =>
            ThreadRowsOf.Inline(db, db.Messages.AsNoTracking().Where(x => x.Id == id), me)));

    private static readonly Func<PreauDbContext, Guid, IAsyncEnumerable<Reader>> ReadersOf = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid id) =>
            (from r in db.MessageRecipients.AsNoTracking()
             where r.MessageId == id
             join p in db.Persons.AsNoTracking() on r.PersonId equals p.Id
             orderby p.LastName, p.FirstName
             select new Reader(p.FirstName + " " + p.LastName, r.ReadAt)).Take(500));

    public Task<IActionResult> OnPostTrashAsync(Guid id, CancellationToken ct) => MoveAsync(id, MailMove.Trash, "Le message est dans la corbeille.", ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct) => MoveAsync(id, MailMove.Restore, "Le message est restauré.", ct);

    public Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) => MoveAsync(id, MailMove.Delete, "Le message est supprimé définitivement.", ct);

    /// <summary>« Signaler »: only someone who sent or received it; the moderators then see it in their queue.</summary>
    public async Task<IActionResult> OnPostReportAsync(Guid id, string? reason, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var participant = await db.Messages.AnyAsync(m => m.Id == id && m.SentAt != null
            && (m.SenderId == a.PersonId || db.MessageRecipients.Any(r => r.MessageId == id && r.PersonId == a.PersonId)), ct);
        if (!participant)
        {
            return NotFound();
        }
        Notice = await moderation.ReportAsync(a, id, reason, ct)
            ? "Merci. Le message a été signalé ; la modération va l'examiner."
            : "Vous avez déjà signalé ce message.";
        return Redirect("/messagerie/" + id);
    }

    private async Task<IActionResult> MoveAsync(Guid id, MailMove move, string notice, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (!await actions.MoveAsync(a, id, move, ct))
        {
            return NotFound();
        }
        Notice = notice;
        return Redirect(move == MailMove.Restore ? "/messagerie/" + id : move == MailMove.Trash ? "/messagerie" : "/messagerie/corbeille");
    }
}
