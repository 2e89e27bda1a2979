using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Classes;

/// <summary>The classes of one school for one year; the school's director and the administrators manage them.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class IndexModel(PreauDbContext db, ScopeAccess scope, AccessContext context, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annee")]
    public Guid? YearId { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public bool IsTerritoryAdmin { get; private set; }
    public IReadOnlyList<YearOption> Years { get; private set; } = [];
    public YearOption? Year { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>A past year is read-only.</summary>
    public bool YearEnded => Year is not null && Year.EndsOn < Platform.Time.ParisDate.Today(time);

    public sealed record YearOption(Guid Id, string Label, bool IsCurrent, DateOnly EndsOn);

    public sealed record Row(Guid Id, string Name, Levels Levels, Scheme Scheme, bool IsArchived, int Teachers, int Pupils);

    public async Task<IActionResult> OnGetAsync(Guid schoolId)
    {
        var school = await ClassPages.FindManagedSchoolAsync(db, scope, schoolId);
        if (school is null)
        {
            return NotFound();
        }
        SchoolId = school.Value.Id;
        SchoolName = school.Value.Name;
        IsTerritoryAdmin = (await context.GetAsync()).IsTerritoryAdmin;
        // Years are few (one a year): all of them go in the selector.
        Years = await db.SchoolYears.AsNoTracking().OrderByDescending(y => y.StartsOn)
            .Select(y => new YearOption(y.Id, y.Label, y.IsCurrent, y.EndsOn)).ToListAsync();
        Year = Years.FirstOrDefault(y => y.Id == YearId) ?? Years.FirstOrDefault(y => y.IsCurrent) ?? Years.FirstOrDefault();
        if (Year is null)
        {
            return Page();
        }
        var yearId = Year.Id;
        // A school has a few dozen classes a year at most: one query, no paging.
        Rows = await db.Classes.AsNoTracking()
            .Where(c => c.SchoolId == SchoolId && c.SchoolYearId == yearId)
            .OrderBy(c => c.IsArchived).ThenBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.Levels, c.Scheme, c.IsArchived,
                db.Memberships.Count(m => m.ScopeType == ScopeType.Class && m.ScopeId == c.Id && m.Role == Role.Teacher),
                db.Memberships.Count(m => m.ScopeType == ScopeType.Class && m.ScopeId == c.Id && m.Role == Role.Pupil)))
            .ToListAsync();
        return Page();
    }
}
