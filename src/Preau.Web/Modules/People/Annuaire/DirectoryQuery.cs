using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Annuaire;

/// <summary>A school, class or group the directory can be narrowed to: <see cref="Key"/> is "s:", "c:" or "g:" and the id.</summary>
public sealed record DirectoryFilter(string Key, string Label, string Kind);

/// <summary>One person of the directory: name, profile and where they are; never an address, phone or e-mail.</summary>
public sealed record DirectoryEntry(Guid Id, string Name, string Profile, IReadOnlyList<string> Places);

public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Items, int Page, int PageCount, int Total);

/// <summary>
/// The people the current person may write to (<see cref="CommunicationRules.ReachableAsync"/>, so the
/// directory and the messaging pickers never disagree), narrowed to one of their schools, classes or groups
/// and searched by name, paged. Only the page's people get their places loaded.
/// </summary>
public sealed class DirectoryQuery(CommunicationRules rules, AccessContext context, PreauDbContext db, TimeProvider time)
{
    public const int PageSize = 25;

    /// <summary>The person's own schools, classes and groups (two queries).</summary>
    public async Task<IReadOnlyList<DirectoryFilter>> FiltersAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        // A partner narrows to the classes they are invited into (ADR 0037): its teachers are there.
        var classIds = a.StaffClassIds.Concat(a.PupilClassIds).Concat(a.ChildClassIds).Concat(a.PartnerClassIds).Distinct().ToList();
        var schoolIds = a.StaffSchoolIds.ToList();
        var classes = await (from c in db.Classes.AsNoTracking()
                             join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                             where (classIds.Contains(c.Id) || schoolIds.Contains(s.Id)) && !c.IsArchived
                             orderby s.Name, c.Name
                             select new { c.Id, c.Name, c.SchoolId, School = s.Name }).ToListAsync(ct);
        var groupIds = a.GroupIds.ToList();
        var groups = groupIds.Count == 0 ? [] : await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && !g.IsArchived)
            .OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var filters = new List<DirectoryFilter>();
        foreach (var school in classes.GroupBy(c => (c.SchoolId, c.School)))
        {
            filters.Add(new DirectoryFilter($"s:{school.Key.SchoolId}", school.Key.School, "École"));
            filters.AddRange(school.Select(c => new DirectoryFilter($"c:{c.Id}", $"{c.Name} — {c.School}", "Classe")));
        }
        filters.AddRange(groups.Select(g => new DirectoryFilter($"g:{g.Id}", g.Name, "Groupe")));
        return filters;
    }

    public async Task<DirectoryPage> SearchAsync(string? q, DirectoryFilter? filter, int page, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        // Narrowing to a school, class or group is a subquery of the rules' own query, applied before its candidate cut.
        var within = filter is null ? null : Members(filter);
        var (found, total) = await rules.ReachableWithinAsync(a.PersonId, q, within, (Math.Max(page, 1) - 1) * PageSize, PageSize, ct);
        if (Clamp(page, total) != page)
        {
            // A page past the end (the list shrank): show the last one.
            page = Clamp(page, total);
            (found, total) = await rules.ReachableWithinAsync(a.PersonId, q, within, (page - 1) * PageSize, PageSize, ct);
        }
        var places = await PlacesAsync([.. found.Select(f => f.Id)], ct);
        var items = found.Select(f => new DirectoryEntry(f.Id, f.Name, f.Profile, places[f.Id].Distinct().ToList())).ToList();
        return new DirectoryPage(items, page, Math.Max(1, (total + PageSize - 1) / PageSize), total);
    }

    private static int Clamp(int page, int total) => Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));

    /// <summary>Everyone of a school (its staff, its classes' members and their pupils' guardians), a class, or a group: a subquery of the rules' query.</summary>
    private IQueryable<Guid> Members(DirectoryFilter filter)
    {
        var id = Guid.Parse(filter.Key[2..]);
        var today = Platform.Time.ParisDate.Today(time);
        var active = db.Memberships.Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        IQueryable<Guid> ids;
        if (filter.Key[0] == 'g')
        {
            ids = db.GroupMembers.Where(g => g.GroupId == id).Select(g => g.PersonId)
                .Union(active.Where(m => m.ScopeType == ScopeType.Group && m.ScopeId == id).Select(m => m.PersonId));
        }
        else
        {
            var classes = filter.Key[0] == 'c'
                ? db.Classes.Where(c => c.Id == id).Select(c => c.Id)
                : db.Classes.Where(c => c.SchoolId == id).Select(c => c.Id);
            var classMembers = active.Where(m => m.ScopeType == ScopeType.Class && classes.Contains(m.ScopeId!.Value));
            var pupils = classMembers.Where(m => m.Role == Role.Pupil).Select(m => m.PersonId);
            ids = classMembers.Select(m => m.PersonId)
                .Union(db.GuardianLinks.Where(l => pupils.Contains(l.PupilId)).Select(l => l.GuardianId));
            if (filter.Key[0] == 's')
            {
                ids = ids.Union(active.Where(m => m.ScopeType == ScopeType.School && m.ScopeId == id).Select(m => m.PersonId));
            }
        }
        return ids;
    }

    /// <summary>
    /// "CE1 — École Jean-Jaurès" for class members and for guardians (their children's classes), the school for
    /// school staff: three small queries for the page's people, whatever their number.
    /// </summary>
    private async Task<ILookup<Guid, string>> PlacesAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<(Guid Person, string Place)>().ToLookup(x => x.Person, x => x.Place);
        }
        var today = Platform.Time.ParisDate.Today(time);
        var active = db.Memberships.AsNoTracking().Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
            && m.ScopeId != null && (m.ScopeType == ScopeType.Class || m.ScopeType == ScopeType.School));
        var own = await active.Where(m => ids.Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.ScopeType, ScopeId = m.ScopeId!.Value }).ToListAsync(ct);
        var children = await (from l in db.GuardianLinks.AsNoTracking()
                              where ids.Contains(l.GuardianId)
                              join m in active.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class) on l.PupilId equals m.PersonId
                              select new { PersonId = l.GuardianId, m.ScopeType, ScopeId = m.ScopeId!.Value }).ToListAsync(ct);
        var rows = own.Concat(children).ToList();
        var scopeIds = rows.Select(r => r.ScopeId).Distinct().ToList();
        // Classes (with their school) and schools by id, in one query.
        var names = await (from c in db.Classes.AsNoTracking()
                           join sc in db.Schools.AsNoTracking() on c.SchoolId equals sc.Id
                           where scopeIds.Contains(c.Id) && !c.IsArchived
                           select new { c.Id, Name = c.Name + " — " + sc.Name })
            .Concat(db.Schools.AsNoTracking().Where(sc => scopeIds.Contains(sc.Id)).Select(sc => new { sc.Id, sc.Name }))
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return rows.Where(r => names.ContainsKey(r.ScopeId))
            .Select(r => (r.PersonId, Place: names[r.ScopeId]))
            .OrderBy(r => r.Place, StringComparer.Ordinal)
            .ToLookup(r => r.PersonId, r => r.Place);
    }
}
