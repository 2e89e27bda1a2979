using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging;

/// <summary>What the sender typed and chose; the same for sending and for saving a draft.</summary>
public sealed record Draft(Guid? DraftId, Guid? InReplyToId, string Subject, string Body, IReadOnlyList<string> To, IReadOnlyList<string> Cc);

/// <summary>A recipient the rules refused, with the reason in French.</summary>
public sealed record Skipped(Guid PersonId, string Reason);

/// <summary>The result of sending: the message (null when nobody could receive it) and the people skipped.</summary>
public sealed record SendResult(Guid? MessageId, int Delivered, IReadOnlyList<Skipped> Skipped);

/// <summary>Sending, drafts, folders and read state. Every change is one SaveChanges (or one set-based update).</summary>
public sealed class MailActions(PreauDbContext db, TimeProvider time, CommunicationRules rules, RecipientDirectory directory, INotifier notifier)
{
    public const int MaxRecipients = 2000;

    public static bool IsPupilOnly(Access a) =>
        !a.IsGuardian && a.Memberships.Count > 0 && a.Memberships.All(m => m.Role == Role.Pupil);

    /// <summary>
    /// Expands the groups, asks the rules for every person (in one batch), and sends to those allowed with one
    /// insert per recipient and a single SaveChanges, which also commits each recipient's notification (feed item and
    /// outbox row): a message is never sent without them, nor announced without being sent. Nothing is written when
    /// nobody may receive it. <paramref name="newId"/> is the id to give a new message (its attachments were stored first).
    /// </summary>
    public async Task<SendResult> SendAsync(Access a, Draft input, CancellationToken ct, Guid? newId = null)
    {
        var groups = await directory.GroupChoicesAsync(a, ct);
        var to = await directory.ExpandAsync(input.To, groups, ct);
        var cc = (await directory.ExpandAsync(input.Cc, groups, ct)).Except(to).ToList();
        var everyone = to.Concat(cc).Where(id => id != a.PersonId).Take(MaxRecipients).ToList();
        var decisions = await rules.MayWriteManyAsync(a.PersonId, everyone, ct);
        var allowed = everyone.Where(id => decisions[id].Allowed).ToList();
        var skipped = everyone.Where(id => !decisions[id].Allowed).Select(id => new Skipped(id, decisions[id].Reason ?? "")).ToList();
        if (allowed.Count == 0)
        {
            return new SendResult(null, 0, skipped);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var message = await OwnDraftAsync(a, input.DraftId, ct);
        if (message is null)
        {
            message = new Message { Id = newId ?? Guid.NewGuid(), Subject = "", Body = "", CreatedAt = now, SenderId = a.PersonId };
            db.Messages.Add(message);
        }
        Fill(message, input);
        message.ThreadId = await ThreadOfAsync(a, input.InReplyToId, ct) ?? message.Id;
        message.SentAt = now;
        message.SenderState = SenderState.Sent;
        message.SenderIsPupil = IsPupilOnly(a);
        message.DraftRecipients = null;
        message.RecipientSummary = Summarize(await directory.DescribeAsync(input.To.Concat(input.Cc), groups, ct));
        var ccSet = cc.ToHashSet();
        db.MessageRecipients.AddRange(allowed.Select(id => new MessageRecipient
        {
            MessageId = message.Id, PersonId = id, SentAt = now, State = RecipientState.Inbox,
            Kind = ccSet.Contains(id) ? RecipientKind.Cc : RecipientKind.To,
        }));
        // The title names the sender only: never the subject or the body, which may be a pupil's words or private.
        var sender = await db.Persons.AsNoTracking().Where(p => p.Id == a.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct);
        notifier.Enqueue(allowed, NotificationKind.Message, $"Nouveau message de {sender}", $"/messagerie/{message.Id}", fromPupilContent: message.SenderIsPupil);
        await db.SaveChangesAsync(ct);
        return new SendResult(message.Id, allowed.Count, skipped);
    }

    /// <summary>Keeps what was typed, recipients included, as a draft; returns its id.</summary>
    public async Task<Guid> SaveDraftAsync(Access a, Draft input, CancellationToken ct)
    {
        var message = await OwnDraftAsync(a, input.DraftId, ct);
        if (message is null)
        {
            message = new Message { Subject = "", Body = "", CreatedAt = time.GetUtcNow().UtcDateTime, SenderId = a.PersonId, SenderState = SenderState.Draft };
            db.Messages.Add(message);
        }
        Fill(message, input);
        message.ThreadId = await ThreadOfAsync(a, input.InReplyToId, ct) ?? message.Id;
        message.DraftRecipients = string.Join('\n', input.To.Concat(input.Cc.Select(c => "cc|" + c)));
        await db.SaveChangesAsync(ct);
        return message.Id;
    }

    /// <summary>Moves the person's copy of a message to the trash, back to its folder, or deletes it for good; false if they have none.</summary>
    public async Task<bool> MoveAsync(Access a, Guid messageId, MailMove move, CancellationToken ct)
    {
        var mine = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.SenderId == a.PersonId && m.SenderState != SenderState.Deleted, ct);
        var copy = await db.MessageRecipients.FirstOrDefaultAsync(r => r.MessageId == messageId && r.PersonId == a.PersonId && r.State != RecipientState.Deleted, ct);
        if (mine is null && copy is null)
        {
            return false;
        }
        if (mine is not null)
        {
            mine.SenderState = move switch
            {
                MailMove.Trash => SenderState.Trash,
                MailMove.Restore => mine.SentAt is null ? SenderState.Draft : SenderState.Sent,
                _ => SenderState.Deleted,
            };
            if (move == MailMove.Delete && mine.SentAt is null)
            {
                // A draft deleted for good reached nobody: nothing to keep.
                db.Messages.Remove(mine);
            }
        }
        if (copy is not null)
        {
            copy.State = move switch
            {
                MailMove.Trash => RecipientState.Trash,
                MailMove.Restore => RecipientState.Inbox,
                _ => RecipientState.Deleted,
            };
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Marks the person's copies of these messages read, in one statement.</summary>
    public Task<int> MarkReadAsync(Guid personId, IReadOnlyCollection<Guid> messageIds, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.MessageRecipients.Where(r => r.PersonId == personId && messageIds.Contains(r.MessageId) && r.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReadAt, now), ct);
    }

    private static void Fill(Message message, Draft input)
    {
        message.Subject = string.IsNullOrWhiteSpace(input.Subject) ? "(sans objet)" : input.Subject.Trim();
        message.Body = input.Body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        message.InReplyToId = input.InReplyToId;
    }

    private async Task<Message?> OwnDraftAsync(Access a, Guid? draftId, CancellationToken ct) =>
        draftId is { } id
            ? await db.Messages.FirstOrDefaultAsync(m => m.Id == id && m.SenderId == a.PersonId && m.SenderState == SenderState.Draft, ct)
            : null;

    /// <summary>The thread of the message replied to or forwarded, if the person may see it.</summary>
    private async Task<Guid?> ThreadOfAsync(Access a, Guid? original, CancellationToken ct) =>
        original is { } id
            ? await db.Messages.Where(m => m.Id == id && ((m.SenderId == a.PersonId && m.SentAt != null)
                    || db.MessageRecipients.Any(r => r.MessageId == id && r.PersonId == a.PersonId)))
                .Select(m => (Guid?)m.ThreadId).FirstOrDefaultAsync(ct)
            : null;

    private static string Summarize(IReadOnlyList<RecipientChoice> chosen)
    {
        var text = string.Join(", ", chosen.Select(c => c.Label));
        return text.Length > 500 ? text[..497] + "…" : text;
    }
}

public enum MailMove
{
    Trash,
    Restore,
    Delete,
}
