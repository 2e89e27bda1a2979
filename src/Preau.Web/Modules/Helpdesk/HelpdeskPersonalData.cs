using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Helpdesk;

/// <summary>The help requests the person opened, with what they were told (not the agents' notes between themselves).</summary>
internal sealed class HelpdeskPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "HelpRequests";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var tickets = await db.HelpdeskTickets.AsNoTracking().Where(t => t.AuthorId == personId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.Id, t.CreatedAt, t.Subject, t.Description, Status = t.Status.ToString(), t.ClosedAt, t.Satisfaction, t.SatisfactionComment })
            .ToListAsync(ct);
        var ids = tickets.Select(t => t.Id).ToList();
        var events = ids.Count == 0 ? [] : await db.HelpdeskTicketEvents.AsNoTracking()
            .Where(e => ids.Contains(e.TicketId) && e.Kind != TicketEventKind.InternalNote && e.Body != null)
            .OrderBy(e => e.At).Select(e => new { e.TicketId, e.At, Kind = e.Kind.ToString(), e.Body }).ToListAsync(ct);
        var byTicket = events.ToLookup(e => e.TicketId);
        return tickets.Select(t => new
        {
            t.CreatedAt, t.Subject, t.Description, t.Status, t.ClosedAt, t.Satisfaction, t.SatisfactionComment,
            Exchanges = byTicket[t.Id].Select(e => new { e.At, e.Kind, e.Body }).ToList(),
        }).ToList();
    }
}
