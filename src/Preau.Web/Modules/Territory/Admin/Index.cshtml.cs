using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Admin;

[Authorize(Policy = Policies.Operators)]
public sealed class IndexModel(PreauDbContext db, AccessContext context) : PageModel
{
    public bool IsTerritoryAdmin { get; private set; }
    public string? CurrentYear { get; private set; }
    public int Schools { get; private set; }
    public int Classes { get; private set; }
    public int Districts { get; private set; }
    public int Authorities { get; private set; }

    public async Task OnGetAsync()
    {
        IsTerritoryAdmin = (await context.GetAsync()).IsTerritoryAdmin;
        var year = await db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent).Select(y => new { y.Id, y.Label }).FirstOrDefaultAsync();
        CurrentYear = year?.Label;
        Schools = await db.Schools.AsNoTracking().CountAsync(s => !s.IsArchived);
        Classes = year is null ? 0 : await db.Classes.AsNoTracking().CountAsync(c => c.SchoolYearId == year.Id && !c.IsArchived);
        Districts = await db.Districts.AsNoTracking().CountAsync(d => !d.IsArchived);
        Authorities = await db.LocalAuthorities.AsNoTracking().CountAsync(a => !a.IsArchived);
    }
}
