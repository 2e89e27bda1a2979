using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Dashboard;

/// <summary>A scope of the statistics as the pages name it: "/statistiques/{segment}/{id}".</summary>
public sealed record UsageScope(UsageLevel Level, Guid Id, string Name)
{
    public string Segment => Level switch
    {
        UsageLevel.District => "circonscription",
        UsageLevel.Authority => "collectivite",
        UsageLevel.School => "ecole",
        _ => "territoire",
    };

    public string Url => Level == UsageLevel.Territory ? "/statistiques/territoire" : $"/statistiques/{Segment}/{Id}";

    public static UsageLevel? LevelOf(string? segment) => segment switch
    {
        "territoire" => UsageLevel.Territory,
        "circonscription" => UsageLevel.District,
        "collectivite" => UsageLevel.Authority,
        "ecole" => UsageLevel.School,
        _ => null,
    };
}

/// <summary>
/// Who sees which statistics: the administrator everything, an advisor their circonscriptions and their schools,
/// an agent their collectivités (a groupement's communes included) and their schools, a director their schools.
/// Anything else is unknown to them (404).
/// </summary>
public sealed class UsageScopes(AccessContext context, PreauDbContext db)
{
    public async Task<IReadOnlyList<UsageScope>> ReachableAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var scopes = new List<UsageScope>();
        if (a.IsTerritoryAdmin)
        {
            var territory = await db.Territory.OrderBy(t => t.Id).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "Territoire";
            scopes.Add(new UsageScope(UsageLevel.Territory, Guid.Empty, territory));
            scopes.AddRange((await db.Districts.AsNoTracking().Where(d => !d.IsArchived).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                .Select(d => new UsageScope(UsageLevel.District, d.Id, d.Name)));
            scopes.AddRange((await db.LocalAuthorities.AsNoTracking().Where(l => !l.IsArchived).OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct))
                .Select(l => new UsageScope(UsageLevel.Authority, l.Id, l.Name)));
            return scopes;
        }
        var districts = a.ScopeIds(Role.Advisor, ScopeType.District).ToList();
        if (districts.Count > 0)
        {
            scopes.AddRange((await db.Districts.AsNoTracking().Where(d => districts.Contains(d.Id)).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                .Select(d => new UsageScope(UsageLevel.District, d.Id, d.Name)));
        }
        var authorities = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        if (authorities.Count > 0)
        {
            scopes.AddRange((await db.LocalAuthorities.AsNoTracking().Where(l => authorities.Contains(l.Id)).OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct))
                .Select(l => new UsageScope(UsageLevel.Authority, l.Id, l.Name)));
        }
        var directed = a.DirectedSchoolIds.ToList();
        if (directed.Count > 0)
        {
            scopes.AddRange((await db.Schools.AsNoTracking().Where(s => directed.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
                .Select(s => new UsageScope(UsageLevel.School, s.Id, s.Name)));
        }
        return scopes;
    }

    /// <summary>The scope if the current person may read it, else null.</summary>
    public async Task<UsageScope?> FindAsync(UsageLevel level, Guid id, CancellationToken ct = default)
    {
        var reachable = await ReachableAsync(ct);
        var direct = reachable.FirstOrDefault(s => s.Level == level && (level == UsageLevel.Territory || s.Id == id));
        if (direct is not null || level != UsageLevel.School)
        {
            return direct;
        }
        // A school below a reachable circonscription or collectivité (the top and least active schools link to it).
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Id, s.Name, s.DistrictId, s.LocalAuthorityId }).FirstOrDefaultAsync(ct);
        if (school is null)
        {
            return null;
        }
        var authorities = await AuthoritySchoolsFilterAsync(reachable.Where(s => s.Level == UsageLevel.Authority).Select(s => s.Id).ToList(), ct);
        var reached = reachable.Any(s => s.Level == UsageLevel.Territory
            || (s.Level == UsageLevel.District && s.Id == school.DistrictId))
            || authorities.Contains(school.LocalAuthorityId);
        return reached ? new UsageScope(UsageLevel.School, school.Id, school.Name) : null;
    }

    /// <summary>The communes whose schools a collectivité covers: itself and, for a groupement, its member communes.</summary>
    public async Task<List<Guid>> AuthoritySchoolsFilterAsync(List<Guid> authorities, CancellationToken ct)
    {
        if (authorities.Count == 0)
        {
            return authorities;
        }
        var members = await db.LocalAuthorityMembers.AsNoTracking().Where(m => authorities.Contains(m.GroupId)).Select(m => m.MunicipalityId).ToListAsync(ct);
        return [.. authorities, .. members];
    }
}
