using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk;

/// <summary>
/// The help-desk roles of the current person. Level 1: the advisors of a circonscription (its tickets) and the
/// territory's administrators (every ticket, and those of people without a circonscription). Level 2: the maintainers
/// (Role.Level2Support), for the tickets escalated to them. Everybody else only sees the tickets they filed.
/// </summary>
public sealed record HelpdeskAgent(Guid PersonId, bool IsAdmin, IReadOnlyList<Guid> Districts, bool IsLevel2)
{
    public bool IsLevel1 => IsAdmin || Districts.Count > 0;
    public bool IsAgent => IsLevel1 || IsLevel2;

    /// <summary>May follow the ticket in the queue (read it, with its internal notes).</summary>
    public bool Sees(Ticket t) =>
        IsAdmin || (t.DistrictId is { } d && Districts.Contains(d)) || (IsLevel2 && (t.Level == TicketLevel.Level2 || t.EscalatedAt != null));

    /// <summary>May answer, assign, escalate or return, close, and act as the author: the agents of the ticket's current level.</summary>
    public bool Handles(Ticket t) => t.Level == TicketLevel.Level1
        ? IsAdmin || (t.DistrictId is { } d && Districts.Contains(d))
        : IsLevel2;
}

public sealed class HelpdeskAccess(AccessContext context, PreauDbContext db, TimeProvider time)
{
    public async Task<HelpdeskAgent> AgentAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        return new HelpdeskAgent(a.PersonId, a.IsTerritoryAdmin, a.ScopeIds(Role.Advisor, ScopeType.District).Distinct().ToList(), a.HasRole(Role.Level2Support));
    }

    /// <summary>The tickets an agent's queue shows (deny by default: a person without a help-desk role gets none).</summary>
    public static IQueryable<Ticket> Visible(IQueryable<Ticket> tickets, HelpdeskAgent agent)
    {
        if (agent.IsAdmin)
        {
            return tickets;
        }
        var districts = agent.Districts.Select(d => (Guid?)d).ToList();
        var level2 = agent.IsLevel2;
        return tickets.Where(t => districts.Contains(t.DistrictId) || (level2 && (t.Level == TicketLevel.Level2 || t.EscalatedAt != null)));
    }

    /// <summary>The ticket if the current person filed it or may follow it; null otherwise (the page answers 404).</summary>
    public async Task<(Ticket Ticket, HelpdeskAgent Agent)?> OpenAsync(Guid ticketId, CancellationToken ct = default)
    {
        var ticket = await db.HelpdeskTickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null)
        {
            return null;
        }
        var agent = await AgentAsync(ct);
        return ticket.AuthorId == agent.PersonId || agent.Sees(ticket) ? (ticket, agent) : null;
    }

    /// <summary>Where a new ticket of this person goes: the circonscription of their (first) school, or their own as an advisor.</summary>
    public async Task<(Guid? DistrictId, Guid? SchoolId)> RouteAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var schools = a.StaffSchoolIds
            .Concat(a.PupilClassIds.Concat(a.ChildClassIds).Select(a.SchoolOfClass).OfType<Guid>())
            .Distinct().ToList();
        if (schools.Count > 0)
        {
            var school = await db.Schools.AsNoTracking().Where(s => schools.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new { s.Id, s.DistrictId }).FirstOrDefaultAsync(ct);
            if (school is not null)
            {
                return (school.DistrictId, school.Id);
            }
        }
        var district = a.ScopeIds(Role.Advisor, ScopeType.District).Cast<Guid?>().FirstOrDefault();
        return (district, null);
    }

    /// <summary>The people to tell about a ticket at its level: its assignee if any, else every agent of that level.</summary>
    public async Task<IReadOnlyList<Guid>> AgentsToNotifyAsync(Ticket t, bool preferAssignee, CancellationToken ct = default)
    {
        if (preferAssignee && t.AssigneeId is { } assignee)
        {
            return [assignee];
        }
        var today = Platform.Time.ParisDate.Today(time);
        var current = db.Memberships.AsNoTracking().Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        if (t.Level == TicketLevel.Level2)
        {
            return await current.Where(m => m.Role == Role.Level2Support).Select(m => m.PersonId).Distinct().ToListAsync(ct);
        }
        var advisors = t.DistrictId is { } d
            ? await current.Where(m => m.Role == Role.Advisor && m.ScopeType == ScopeType.District && m.ScopeId == d).Select(m => m.PersonId).Distinct().ToListAsync(ct)
            : [];
        // Without an advisor for the circonscription, the territory's administrators answer.
        return advisors.Count > 0 ? advisors
            : await current.Where(m => m.Role == Role.TerritoryAdmin).Select(m => m.PersonId).Distinct().ToListAsync(ct);
    }
}
