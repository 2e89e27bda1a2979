using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// Object-level answers: may the current person see or manage this school, class or person. Pages answer
/// 404 when the answer is no, so that nobody learns whether something exists outside their reach.
/// </summary>
public sealed class ScopeAccess(AccessContext context, PreauDbContext db, TimeProvider time)
{
    public async Task<bool> CanSeeSchoolAsync(Guid schoolId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.IsOperator || a.StaffSchoolIds.Contains(schoolId)
            || a.PupilClassIds.Concat(a.ChildClassIds).Any(c => a.SchoolOfClass(c) == schoolId))
        {
            return true;
        }
        var districts = a.ScopeIds(Role.Advisor, ScopeType.District).ToList();
        var authorities = await AgentAuthoritiesAsync(a, ct);
        if (districts.Count == 0 && authorities.Count == 0)
        {
            return false;
        }
        return await db.Schools.AnyAsync(s => s.Id == schoolId
            && (districts.Contains(s.DistrictId) || authorities.Contains(s.LocalAuthorityId)), ct);
    }

    public async Task<bool> CanManageSchoolAsync(Guid schoolId, CancellationToken ct = default) =>
        (await context.GetAsync(ct)).IsDirectorOf(schoolId);

    public async Task<bool> CanSeeClassAsync(Guid classId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.IsOperator || a.StaffClassIds.Contains(classId) || a.PupilClassIds.Contains(classId) || a.ChildClassIds.Contains(classId))
        {
            return true;
        }
        // Classes of a school the person directs come with the access: no query for a director.
        if (a.Classes.TryGetValue(classId, out var reached) && a.IsStaffOfSchool(reached.SchoolId))
        {
            return true;
        }
        var schoolId = await db.Classes.Where(c => c.Id == classId).Select(c => (Guid?)c.SchoolId).FirstOrDefaultAsync(ct);
        if (schoolId is null)
        {
            return false;
        }
        if (a.IsStaffOfSchool(schoolId.Value))
        {
            return true;
        }
        var districts = a.ScopeIds(Role.Advisor, ScopeType.District).ToList();
        return districts.Count > 0 && await db.Schools.AnyAsync(s => s.Id == schoolId && districts.Contains(s.DistrictId), ct);
    }

    /// <summary>Management of a class: never for a class of a year that is over (its archive is read-only, still readable).</summary>
    public async Task<bool> CanManageClassAsync(Guid classId, CancellationToken ct = default)
    {
        // Who first (from the cached access, no query), then the class's year in one query.
        var a = await context.GetAsync(ct);
        if (!a.IsTerritoryAdmin && !a.TeachesClass(classId) && !(a.Classes.TryGetValue(classId, out var reached) && a.IsDirectorOf(reached.SchoolId)))
        {
            return false;
        }
        var year = await YearOfClass(db, classId, ct);
        return year is not null && !await IsArchivedAsync(year, ct);
    }

    /// <summary>
    /// A school year is archived (its classes read-only) once it has ended, or once a later year is the current one.
    /// Next year's classes, prepared by a rollover before the rentrée, stay editable.
    /// </summary>
    public async Task<bool> IsYearArchivedAsync(Guid yearId, CancellationToken ct = default)
    {
        var year = await db.SchoolYears.AsNoTracking().Where(y => y.Id == yearId)
            .Select(y => new YearSpan(y.StartsOn, y.EndsOn, y.IsCurrent)).FirstOrDefaultAsync(ct);
        return year is not null && await IsArchivedAsync(year, ct);
    }

    private sealed record YearSpan(DateOnly StartsOn, DateOnly EndsOn, bool IsCurrent);

    // Compiled once: every page where a teacher may write asks it (ADR 0019).
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<YearSpan?>> YearOfClass = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid classId, CancellationToken ct) =>
            (from c in db.Classes.AsNoTracking()
             where c.Id == classId
             join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
             select new YearSpan(y.StartsOn, y.EndsOn, y.IsCurrent)).FirstOrDefault());

    private async Task<bool> IsArchivedAsync(YearSpan year, CancellationToken ct) =>
        year.EndsOn < Time.ParisDate.Today(time)
        || (!year.IsCurrent && await db.SchoolYears.AnyAsync(y => y.IsCurrent && y.StartsOn > year.StartsOn, ct));

    /// <summary>
    /// Directors manage the people of their school; teachers the pupils of their classes and those pupils'
    /// guardians; administrators everyone.
    /// </summary>
    public async Task<bool> CanManagePersonAsync(Guid personId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.IsTerritoryAdmin)
        {
            return true;
        }
        var taught = a.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class).Select(m => m.ScopeId!.Value).ToList();
        var directed = a.DirectedSchoolIds.ToList();
        if (taught.Count == 0 && directed.Count == 0)
        {
            return false;
        }
        // The classes and schools the person belongs to, directly or as a guardian of a pupil.
        var pupilIds = db.GuardianLinks.Where(l => l.GuardianId == personId).Select(l => l.PupilId);
        var memberships = db.Memberships.Where(m => m.PersonId == personId || (m.Role == Role.Pupil && pupilIds.Contains(m.PersonId)));
        if (taught.Count > 0 && await memberships.AnyAsync(m => m.ScopeType == ScopeType.Class && m.Role == Role.Pupil && taught.Contains(m.ScopeId!.Value), ct))
        {
            return true;
        }
        if (directed.Count == 0)
        {
            return false;
        }
        return await memberships.AnyAsync(m =>
            (m.ScopeType == ScopeType.School && directed.Contains(m.ScopeId!.Value))
            || (m.ScopeType == ScopeType.Class && db.Classes.Any(c => c.Id == m.ScopeId && directed.Contains(c.SchoolId))), ct);
    }

    /// <summary>The local authorities an agent works for, including the communes of a groupement they work for.</summary>
    private async Task<List<Guid>> AgentAuthoritiesAsync(Access a, CancellationToken ct)
    {
        var direct = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        if (direct.Count == 0)
        {
            return direct;
        }
        var members = await db.LocalAuthorityMembers.Where(m => direct.Contains(m.GroupId)).Select(m => m.MunicipalityId).ToListAsync(ct);
        return [.. direct, .. members];
    }
}
