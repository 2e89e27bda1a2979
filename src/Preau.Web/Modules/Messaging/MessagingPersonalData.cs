using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Messaging;

/// <summary>The person's messages: written (drafts included) and received, whatever folder they are in.</summary>
internal sealed class MessagingPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "Messages";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var written = await db.Messages.AsNoTracking().Where(m => m.SenderId == personId)
            .OrderByDescending(m => m.CreatedAt)
            .Select(m => new { m.CreatedAt, m.SentAt, To = m.RecipientSummary, m.Subject, m.Body, State = m.SenderState.ToString(), HiddenByModeration = m.HiddenAt != null })
            .ToListAsync(ct);
        // A message hidden by a moderator is kept from its recipients here as in their inbox.
        var received = await (from r in db.MessageRecipients.AsNoTracking()
                              where r.PersonId == personId
                              join m in db.Messages.AsNoTracking() on r.MessageId equals m.Id
                              where m.HiddenAt == null
                              join p in db.Persons.AsNoTracking() on m.SenderId equals p.Id into senders
                              from p in senders.DefaultIfEmpty()
                              orderby r.SentAt descending
                              select new
                              {
                                  r.SentAt,
                                  From = p == null ? null : p.FirstName + " " + p.LastName,
                                  m.Subject,
                                  m.Body,
                                  r.ReadAt,
                                  State = r.State.ToString(),
                              }).ToListAsync(ct);
        return new { Written = written, Received = received };
    }

    /// <summary>Their copies of what they received and their drafts; what they sent stays in its recipients' boxes.</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.MessageRecipients.Where(r => ids.Contains(r.PersonId)).ExecuteDeleteAsync(ct);
        var drafts = db.Messages.Where(m => ids.Contains(m.SenderId) && m.SenderState == SenderState.Draft).Select(m => m.Id);
        await db.MessageRecipients.Where(r => drafts.Contains(r.MessageId)).ExecuteDeleteAsync(ct);
        await db.Messages.Where(m => ids.Contains(m.SenderId) && m.SenderState == SenderState.Draft).ExecuteDeleteAsync(ct);
    }
}
