using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Site;

/// <summary>
/// The public presentation of the service (the convention's « information des collectivités »): what Préau offers to
/// families, teams, pupils and town halls, how data is kept, how a collectivité joins. Anyone, signed in or not.
/// </summary>
[AllowAnonymous]
[Accounts.AllowPendingSteps]
public sealed class PresentationModel(PreauDbContext db) : PageModel
{
    public string Territory { get; private set; } = "";
    public int Schools { get; private set; }
    public int Authorities { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Territory = await db.Territory.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        var schools = await db.Schools.AsNoTracking().Where(s => !s.IsArchived)
            .GroupBy(s => 1).Select(g => new { Count = g.Count(), Authorities = g.Select(s => s.LocalAuthorityId).Distinct().Count() })
            .FirstOrDefaultAsync(ct);
        (Schools, Authorities) = (schools?.Count ?? 0, schools?.Authorities ?? 0);
    }
}
