using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Messaging;

/// <summary>The person's messages: written (drafts included) and received, whatever folder they are in.</summary>
internal sealed class MessagingPersonalData(PreauDbContext db) : IPersonalDataSection
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
}
