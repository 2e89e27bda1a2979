using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Site.Audit;

/// <summary>The audit trail (imports, letters, rollovers, people leaving and deleted), for operators.</summary>
[Authorize(Policy = Policies.Operators)]
public sealed class JournalModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public sealed record Row(DateTime At, string? Actor, string Action, string? TargetType, Guid? TargetId, string? Details);

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync()
    {
        Actions = await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync();
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            query = query.Where(e => e.Action == ActionFilter);
        }
        var total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.At, db.Users.Where(u => u.Id == e.ActorId).Select(u => u.UserName).FirstOrDefault(), e.Action, e.TargetType, e.TargetId, e.Details))
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
