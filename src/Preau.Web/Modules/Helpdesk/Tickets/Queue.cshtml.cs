using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Tickets;

/// <summary>
/// The agents' queue: the tickets they may follow (their circonscription's at level 1, the escalated ones at level 2,
/// all for administrators), filtered by status, level, category and assignee, with average first-response and
/// resolution times of what the filter selects.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class QueueModel(HelpdeskAccess access, PreauDbContext db) : PageModel
{
    public const int PageSize = 25;

    /// <summary>"ouvertes" (default), "toutes" or a status number.</summary>
    [BindProperty(SupportsGet = true, Name = "statut")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "niveau")]
    public TicketLevel? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "categorie")]
    public TicketCategory? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "moi")]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<TicketRow> Result { get; private set; } = new([], 1, PageSize, 0);
    public TimeSpan? AverageFirstResponse { get; private set; }
    public TimeSpan? AverageResolution { get; private set; }

    public Pager Pager => new(Result.Page, Result.PageCount, p => Pager.Link("/assistance/traitement", p,
        ("statut", StatusFilter), ("niveau", Level?.ToString()), ("categorie", Category?.ToString()), ("moi", Mine ? "true" : null)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = await access.AgentAsync(ct);
        if (!agent.IsAgent)
        {
            return Forbid();
        }
        var query = HelpdeskAccess.Visible(db.HelpdeskTickets.AsNoTracking(), agent);
        query = StatusFilter switch
        {
            "toutes" => query,
            _ when int.TryParse(StatusFilter, out var s) && Enum.IsDefined((TicketStatus)s) => query.Where(t => t.Status == (TicketStatus)s),
            _ => query.Where(t => t.Status != TicketStatus.Closed),
        };
        if (Level is { } level)
        {
            query = query.Where(t => t.Level == level);
        }
        if (Category is { } category)
        {
            query = query.Where(t => t.Category == category);
        }
        if (Mine)
        {
            query = query.Where(t => t.AssigneeId == agent.PersonId);
        }
        Result = await TicketRow.PageAsync(db, query, PageNumber, PageSize, ct);
        // Averages over the latest 500 answered tickets of the selection: enough for a trend, bounded in cost.
        var times = await query.Where(t => t.FirstResponseAt != null).OrderByDescending(t => t.CreatedAt).Take(500)
            .Select(t => new { t.CreatedAt, t.FirstResponseAt, t.ClosedAt }).ToListAsync(ct);
        if (times.Count > 0)
        {
            AverageFirstResponse = TimeSpan.FromSeconds(times.Average(x => (x.FirstResponseAt!.Value - x.CreatedAt).TotalSeconds));
            var closed = times.Where(x => x.ClosedAt != null).ToList();
            AverageResolution = closed.Count > 0 ? TimeSpan.FromSeconds(closed.Average(x => (x.ClosedAt!.Value - x.CreatedAt).TotalSeconds)) : null;
        }
        return Page();
    }
}
