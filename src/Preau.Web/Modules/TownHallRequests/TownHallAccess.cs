using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>A school's desk: the school, the collectivité that serves it, and whether the person may file there.</summary>
public sealed record SchoolDesk(Guid SchoolId, string SchoolName, Guid LocalAuthorityId, string AuthorityName, Guid PersonId);

/// <summary>A collectivité's desk, for one of its municipal agents.</summary>
public sealed record AuthorityDesk(Guid LocalAuthorityId, string Name, Guid PersonId);

/// <summary>A request as the current person may see it; <see cref="IsTownHall"/> alone shows internal notes and changes the status.</summary>
public sealed record RequestDesk(Request Request, bool IsTownHall, Guid PersonId);

/// <summary>
/// Who reaches which requests, deny by default: the municipal agents of the collectivité a request was sent to (town-hall
/// side, internal notes included); the directors of its school, and its teachers when the collectivité allows teachers to
/// file (school side). Anybody else, administrators included, gets null and the pages answer 404.
/// </summary>
public sealed class TownHallAccess(AccessContext context, PreauDbContext db)
{
    public async Task<SchoolDesk?> ForSchoolAsync(Guid schoolId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId && !s.IsArchived)
            .Join(db.LocalAuthorities.AsNoTracking(), s => s.LocalAuthorityId, l => l.Id, (s, l) => new { s.Id, s.Name, AuthorityId = l.Id, AuthorityName = l.Name })
            .FirstOrDefaultAsync(ct);
        if (school is null || !await IsSchoolSideAsync(a, schoolId, school.AuthorityId, ct))
        {
            return null;
        }
        return new SchoolDesk(school.Id, school.Name, school.AuthorityId, school.AuthorityName, a.PersonId);
    }

    public async Task<AuthorityDesk?> ForAuthorityAsync(Guid authorityId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (!IsAgentOf(a, authorityId))
        {
            return null;
        }
        var name = await db.LocalAuthorities.AsNoTracking().Where(l => l.Id == authorityId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        return name is null ? null : new AuthorityDesk(authorityId, name, a.PersonId);
    }

    public async Task<RequestDesk?> ForRequestAsync(Guid requestId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var request = await db.TownHallRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return null;
        }
        if (IsAgentOf(a, request.LocalAuthorityId))
        {
            return new RequestDesk(request, true, a.PersonId);
        }
        return await IsSchoolSideAsync(a, request.SchoolId, request.LocalAuthorityId, ct) ? new RequestDesk(request, false, a.PersonId) : null;
    }

    /// <summary>The collectivités whose requests the person handles (home page entry).</summary>
    public async Task<IReadOnlyList<Guid>> AgentAuthoritiesAsync(CancellationToken ct = default) =>
        [.. (await context.GetAsync(ct)).ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).Distinct()];

    internal static bool IsAgentOf(Access a, Guid authorityId) => a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).Contains(authorityId);

    private async Task<bool> IsSchoolSideAsync(Access a, Guid schoolId, Guid authorityId, CancellationToken ct)
    {
        if (a.DirectedSchoolIds.Contains(schoolId))
        {
            return true;
        }
        return TeachesAt(a, schoolId) && await TeachersMayFileAsync(authorityId, ct);
    }

    /// <summary>A teacher of the school itself or of one of its classes (school staff such as ATSEM are not).</summary>
    internal static bool TeachesAt(Access a, Guid schoolId) => a.Memberships.Any(m => m.Role == Role.Teacher && m.ScopeId is { } scope
        && ((m.ScopeType == ScopeType.School && scope == schoolId) || (m.ScopeType == ScopeType.Class && a.SchoolOfClass(scope) == schoolId)));

    public Task<bool> TeachersMayFileAsync(Guid authorityId, CancellationToken ct = default) =>
        db.TownHallSettings.AsNoTracking().AnyAsync(s => s.LocalAuthorityId == authorityId && s.TeachersMayFile, ct);
}
