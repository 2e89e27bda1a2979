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

/// <summary>The tickets the person filed, latest activity first, open ones or all.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(AccessContext context, HelpdeskAccess access, PreauDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "toutes")]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<TicketRow> Result { get; private set; } = new([], 1, PageSize, 0);
    public bool IsAgent { get; private set; }

    public Pager Pager => new(Result.Page, Result.PageCount, p => Pager.Link("/assistance", p, ("toutes", All ? "true" : null)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        IsAgent = (await access.AgentAsync(ct)).IsAgent;
        var query = db.HelpdeskTickets.AsNoTracking().Where(t => t.AuthorId == a.PersonId);
        if (!All)
        {
            query = query.Where(t => t.Status != TicketStatus.Closed);
        }
        Result = await TicketRow.PageAsync(db, query, PageNumber, PageSize, ct);
    }
}

/// <summary>A line of a ticket list, with the author's name (one query per page).</summary>
public sealed record TicketRow(Guid Id, string Subject, string Author, TicketStatus Status, TicketLevel Level, TicketCategory Category,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstResponseAt, DateTime? ClosedAt, int? Satisfaction)
{
    public static async Task<Paged<TicketRow>> PageAsync(PreauDbContext db, IQueryable<Ticket> query, int page, int pageSize, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        page = Pager.Clamp(page, total, pageSize);
        var rows = await query.OrderByDescending(t => t.UpdatedAt).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(t => new TicketRow(t.Id, t.Subject,
                db.Persons.Where(p => p.Id == t.AuthorId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                t.Status, t.Level, t.Category, t.CreatedAt, t.UpdatedAt, t.FirstResponseAt, t.ClosedAt, t.Satisfaction))
            .ToListAsync(ct);
        return new Paged<TicketRow>(rows, page, pageSize, total);
    }
}
