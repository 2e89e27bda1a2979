using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Districts;

/// <summary>
/// A circonscription's schools for its advisors (and the administrators): who directs each, its classes and pupils of
/// the current year, how many of its pupils' guardians have signed in at least once, and where to go from there (the school's
/// sheet, its directory, its statistics). The deployment a circonscription's advisors follow, school by school.
/// Nobody else learns that the circonscription exists (404). A circonscription has 20 to 40 schools: one list.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SchoolsModel(AccessContext context, PreauDbContext db, IServiceSwitches switches, TimeProvider time) : PageModel
{
    public string Name { get; private set; } = "";
    public Guid Id { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(Guid Id, string Name, string Uai, string? City, string? Director, int Classes, int Pupils, int Guardians, int GuardiansSignedIn, bool DirectoryOn)
    {
        public int Percent => Guardians == 0 ? 0 : (int)Math.Round(100.0 * GuardiansSignedIn / Guardians);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (!a.IsOperator && !a.ScopeIds(Role.Advisor, ScopeType.District).Contains(id))
        {
            return NotFound();
        }
        var name = await db.Districts.AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }
        Id = id;
        Name = name;
        var schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == id && !s.IsArchived).OrderBy(s => s.Name).ThenBy(s => s.Uai)
            .Select(s => new { s.Id, s.Name, s.Uai, s.City }).ToListAsync(ct);
        var ids = schools.Select(s => s.Id).ToList();
        if (ids.Count == 0)
        {
            return Page();
        }
        var today = Platform.Time.ParisDate.Today(time);
        var yearId = await db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);
        var classes = db.Classes.AsNoTracking().Where(c => ids.Contains(c.SchoolId) && c.SchoolYearId == yearId && !c.IsArchived);
        var classCounts = await classes.GroupBy(c => c.SchoolId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var enrolled = from m in db.Memberships.AsNoTracking()
                       where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
                             && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                       join c in classes on m.ScopeId equals c.Id
                       select new { c.SchoolId, m.PersonId };
        var pupils = await enrolled.Distinct().GroupBy(e => e.SchoolId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // The guardians of the enrolled pupils, each once per school; signed in once means their account has a last sign-in.
        var guardians = await (from e in enrolled
                              join l in db.GuardianLinks.AsNoTracking() on e.PersonId equals l.PupilId
                              join u in db.Users.AsNoTracking() on l.GuardianId equals u.Id
                              select new { e.SchoolId, l.GuardianId, SignedIn = u.LastLoginAt != null })
            .Distinct().GroupBy(f => f.SchoolId).Select(g => new { g.Key, Count = g.Count(), SignedIn = g.Count(f => f.SignedIn) })
            .ToDictionaryAsync(x => x.Key, ct);
        var directors = (await (from m in db.Memberships.AsNoTracking()
                                where m.Role == Role.Director && m.ScopeType == ScopeType.School && ids.Contains(m.ScopeId!.Value)
                                      && (m.EndsOn == null || m.EndsOn >= today)
                                join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                                orderby p.LastName, p.FirstName
                                select new { SchoolId = m.ScopeId!.Value, p.FirstName, p.LastName }).ToListAsync(ct))
            .GroupBy(d => d.SchoolId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(d => $"{d.FirstName} {d.LastName}")));
        var directoryOff = await switches.OffAmongAsync(ServiceKeys.Directory, ScopeType.School, ids, ct);
        Rows = [.. schools.Select(s =>
        {
            var f = guardians.GetValueOrDefault(s.Id);
            return new Row(s.Id, s.Name, s.Uai, s.City, directors.GetValueOrDefault(s.Id), classCounts.GetValueOrDefault(s.Id), pupils.GetValueOrDefault(s.Id),
                f?.Count ?? 0, f?.SignedIn ?? 0, !directoryOff.Contains(s.Id));
        })];
        return Page();
    }
}
