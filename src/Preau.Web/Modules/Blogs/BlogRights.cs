using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>
/// What the current person may do on a blog's space. Members read everything published and comment; contributors
/// write (a pupil's article always waits for validation); moderators (the class's teachers, the director, the
/// collectivité's agents, the group's owner and moderators) publish directly, validate, moderate and set the blog up.
/// </summary>
public sealed record BlogRights(bool SignedIn, bool IsMember, bool MayContribute, bool PublishesDirectly, bool MayModerate, Guid PersonId)
{
    public static readonly BlogRights None = new(false, false, false, false, false, Guid.Empty);

    /// <summary>The space switched its blog off (ADR 0028): nobody reads it, not even the public, until it is back on.</summary>
    public bool Off { get; init; }

    /// <summary>Reads the blog's published articles: members; any signed-in person on a platform blog; anyone on a public one.</summary>
    public bool MayRead(Blog blog) => !Off && (IsMember || blog.Visibility == BlogVisibility.Public || (SignedIn && blog.Visibility == BlogVisibility.Platform));

    /// <summary>A pupil: the pages speak to them as « tu » and their articles go to their teacher.</summary>
    public bool ForPupil { get; init; }

    /// <summary>Visitors from outside the space never comment; members only when signed in (they always are).</summary>
    public bool MayComment => IsMember && SignedIn;
}

/// <summary>The space a blog belongs to, with its name (for titles and breadcrumbs).</summary>
public sealed record BlogSpace(ScopeType ScopeType, Guid ScopeId, string Name, Guid? SchoolId, string Audience);

public sealed class BlogRightsService(AccessContext context, ScopeAccess scopes, PreauDbContext db, IServiceSwitches switches)
{
    public async Task<BlogRights> ForAsync(ScopeType scope, Guid scopeId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (!await switches.IsOnAsync(ServiceKeys.Blog, scope, scopeId, ct))
        {
            return BlogRights.None with { Off = true, SignedIn = a.PersonId != Guid.Empty, PersonId = a.PersonId };
        }
        if (a.PersonId == Guid.Empty)
        {
            return BlogRights.None;
        }
        var pupil = a.HasRole(Role.Pupil);
        // A partner invited into the class writes too, but their articles wait for the class's teacher like a pupil's.
        var guest = false;
        bool member, contribute, moderate;
        switch (scope)
        {
            case ScopeType.Class:
                var schoolId = a.SchoolOfClass(scopeId)
                    ?? await db.Classes.Where(c => c.Id == scopeId).Select(c => (Guid?)c.SchoolId).FirstOrDefaultAsync(ct);
                if (schoolId is null)
                {
                    return BlogRights.None with { SignedIn = true, PersonId = a.PersonId };
                }
                moderate = a.IsTerritoryAdmin || a.TeachesClass(scopeId) || a.IsDirectorOf(schoolId.Value);
                contribute = moderate || a.StaffClassIds.Contains(scopeId) || a.PupilClassIds.Contains(scopeId);
                guest = !contribute && a.PartnerMay(scopeId, ServiceKeys.Blog);
                contribute |= guest;
                member = contribute || a.IsOperator || a.ChildClassIds.Contains(scopeId) || a.IsStaffOfSchool(schoolId.Value);
                break;
            case ScopeType.School:
                moderate = a.IsDirectorOf(scopeId);
                contribute = a.IsStaffOfSchool(scopeId);
                member = contribute || await scopes.CanSeeSchoolAsync(scopeId, ct);
                break;
            case ScopeType.LocalAuthority:
                moderate = a.IsTerritoryAdmin || a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).Contains(scopeId);
                contribute = moderate;
                var staffSchools = a.StaffSchoolIds.ToList();
                member = moderate || a.IsOperator
                    || (staffSchools.Count > 0 && await db.Schools.AnyAsync(s => staffSchools.Contains(s.Id) && s.LocalAuthorityId == scopeId, ct));
                break;
            case ScopeType.Group:
                GroupRole? role = a.GroupIds.Contains(scopeId)
                    ? await db.GroupMembers.Where(g => g.GroupId == scopeId && g.PersonId == a.PersonId).Select(g => (GroupRole?)g.Role).FirstOrDefaultAsync(ct)
                    : null;
                moderate = a.IsTerritoryAdmin || role is GroupRole.Owner or GroupRole.Moderator;
                contribute = moderate || role is GroupRole.Contributor;
                member = contribute || role is not null || a.IsOperator;
                break;
            default:
                return BlogRights.None with { SignedIn = true, PersonId = a.PersonId };
        }
        // Pupils never publish nor moderate, whatever else they are.
        return new BlogRights(true, member, contribute, contribute && !pupil && !guest, moderate && !pupil, a.PersonId) { ForPupil = pupil };
    }

    public Task<BlogRights> ForAsync(Blog blog, CancellationToken ct = default) => ForAsync(blog.ScopeType, blog.ScopeId, ct);

    /// <summary>The space's name and who its members are, in words; null when the space does not exist.</summary>
    private static BlogSpace ClassSpace(Guid classId, string name, string school, Guid schoolId) =>
        new(ScopeType.Class, classId, $"{name} — {school}", schoolId, $"les élèves, les familles et l'équipe de la classe {name}");

    public async Task<BlogSpace?> SpaceAsync(ScopeType scope, Guid id, CancellationToken ct = default)
    {
        switch (scope)
        {
            case ScopeType.Class:
                // A class the person reaches is named by the cached access (its school too): no query.
                var a = await context.GetAsync(ct);
                if (a.Classes.TryGetValue(id, out var reached) && a.SchoolNames.TryGetValue(reached.SchoolId, out var schoolName))
                {
                    return ClassSpace(id, reached.Name, schoolName, reached.SchoolId);
                }
                var c = await db.Classes.AsNoTracking().Where(x => x.Id == id)
                    .Join(db.Schools, x => x.SchoolId, s => s.Id, (x, s) => new { x.Name, School = s.Name, s.Id }).FirstOrDefaultAsync(ct);
                return c is null ? null : ClassSpace(id, c.Name, c.School, c.Id);
            case ScopeType.School:
                var s = await db.Schools.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct);
                return s is null ? null : new BlogSpace(scope, id, s, id, $"les élèves, les familles et l'équipe de l'école");
            case ScopeType.LocalAuthority:
                var l = await db.LocalAuthorities.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct);
                return l is null ? null : new BlogSpace(scope, id, l, null, "les agents de la collectivité et les équipes de ses écoles");
            case ScopeType.Group:
                var g = await db.Groups.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct);
                return g is null ? null : new BlogSpace(scope, id, g, null, "les membres du groupe");
            default:
                return null;
        }
    }
}
