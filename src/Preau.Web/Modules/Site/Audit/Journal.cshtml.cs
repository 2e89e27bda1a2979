using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Site.Audit;

/// <summary>
/// The audit trail (imports, letters, rollovers, people leaving and deleted, help desk and remote assistance), for
/// operators: searched by actor (as themselves or as the agent of a remote assistance), target, action and dates.
/// </summary>
[Authorize(Policy = Policies.Operators)]
public sealed class JournalModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    /// <summary>A login (exact or beginning): events done by that person or on their behalf by an agent, or by them as an agent.</summary>
    [BindProperty(SupportsGet = true, Name = "acteur")]
    public string? Actor { get; set; }

    /// <summary>The object's id (or its beginning, as the table shows it) or its type.</summary>
    [BindProperty(SupportsGet = true, Name = "cible")]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true, Name = "du")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "au")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public sealed record Row(DateTime At, string? Actor, string? Impersonator, string Action, string? TargetType, Guid? TargetId, string? Details, string? Ip);

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Result.Page, Result.PageCount, p => Pager.Link("/admin/journal", p,
        ("action", ActionFilter), ("acteur", Actor), ("cible", Target), ("du", From?.ToString("yyyy-MM-dd")), ("au", To?.ToString("yyyy-MM-dd"))));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Actions = await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            query = query.Where(e => e.Action == ActionFilter);
        }
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var login = Actor.Trim().ToUpperInvariant();
            // A few people at most: the login is matched from its beginning (thomas.mercier, thomas.mercier2…).
            var ids = await db.Users.Where(u => u.NormalizedUserName!.StartsWith(login)).Select(u => (Guid?)u.Id).Take(50).ToListAsync(ct);
            query = query.Where(e => ids.Contains(e.ActorId) || ids.Contains(e.ImpersonatorId));
        }
        if (!string.IsNullOrWhiteSpace(Target))
        {
            var t = Target.Trim();
            if (Guid.TryParse(t, out var targetId))
            {
                query = query.Where(e => e.TargetId == targetId);
            }
            else
            {
                query = query.Where(e => e.TargetType == t);
            }
        }
        if (From is { } from)
        {
            var start = Platform.Time.ParisDate.StartUtc(from);
            query = query.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = Platform.Time.ParisDate.StartUtc(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        var total = await query.CountAsync(ct);
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.At,
                db.Users.Where(u => u.Id == e.ActorId).Select(u => u.UserName).FirstOrDefault(),
                db.Users.Where(u => u.Id == e.ImpersonatorId).Select(u => u.UserName).FirstOrDefault(),
                e.Action, e.TargetType, e.TargetId, e.Details, e.Ip))
            .ToListAsync(ct);
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
