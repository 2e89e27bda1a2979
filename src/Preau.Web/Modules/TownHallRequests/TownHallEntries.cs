using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests.Contracts;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>The same rule as <see cref="TownHallAccess"/>, for many schools in one query (the home page lists every school space).</summary>
internal sealed class TownHallEntries(AccessContext context, PreauDbContext db) : ITownHallEntries
{
    public async Task<IReadOnlySet<Guid>> SchoolsAsync(IReadOnlyCollection<Guid> schoolIds, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var result = schoolIds.Where(a.DirectedSchoolIds.Contains).ToHashSet();
        var taught = schoolIds.Where(id => !result.Contains(id) && TownHallAccess.TeachesAt(a, id)).ToList();
        if (taught.Count > 0)
        {
            var allowed = await db.Schools.AsNoTracking().Where(s => taught.Contains(s.Id))
                .Join(db.TownHallSettings.Where(x => x.TeachersMayFile), s => s.LocalAuthorityId, x => x.LocalAuthorityId, (s, x) => s.Id)
                .ToListAsync(ct);
            result.UnionWith(allowed);
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> NewRequestsAsync(IReadOnlyCollection<Guid> authorityIds, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        // Only the collectivités the person is an agent of, whatever the caller passed.
        var agentOf = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToHashSet();
        var mine = authorityIds.Where(agentOf.Contains).ToList();
        if (mine.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }
        return await db.TownHallRequests.AsNoTracking().Where(r => mine.Contains(r.LocalAuthorityId) && r.Status == RequestStatus.New)
            .GroupBy(r => r.LocalAuthorityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
