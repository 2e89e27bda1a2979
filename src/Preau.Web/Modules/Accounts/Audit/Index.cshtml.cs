using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Audit;

[Authorize(Policy = Policies.Operators)]
public sealed class IndexModel(PreauDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "login")]
    public string? LoginFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "outcome")]
    public LoginOutcome? OutcomeFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public sealed record Row(DateTime At, string? Login, string? Ip, LoginOutcome Outcome);

    public async Task OnGetAsync()
    {
        var query = db.LoginEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(LoginFilter))
        {
            var normalized = LoginFilter.Trim().ToUpperInvariant();
            query = query.Where(e => db.Users.Any(u => u.Id == e.UserId && u.NormalizedUserName!.StartsWith(normalized)));
        }
        if (OutcomeFilter is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        var total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.At, db.Users.Where(u => u.Id == e.UserId).Select(u => u.UserName).FirstOrDefault(), e.Ip, e.Outcome))
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }
}
