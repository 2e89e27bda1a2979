using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// What the current person may reach, loaded once per request from their memberships, guardian links and
/// group memberships. Permissions always come from here, never from a role stored in the cookie, so that
/// a membership removed by a director takes effect on the next request.
/// </summary>
public sealed class AccessContext(IHttpContextAccessor http, PreauDbContext db, TimeProvider time, IMemoryCache cache)
{
    /// <summary>HttpContext item holding the <see cref="AccessStamp"/> value read with the account check.</summary>
    public const string StampItem = "preau:access-stamp";

    // A safety net only: a missed stamp raise (a crash between a change and its raise) heals within this time.
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    private Access? _access;

    public Guid? PersonId
    {
        get
        {
            var id = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
            return Guid.TryParse(id, out var g) ? g : null;
        }
    }

    public async Task<Access> GetAsync(CancellationToken ct = default)
    {
        if (_access is not null)
        {
            return _access;
        }
        var personId = PersonId;
        if (personId is null)
        {
            return _access = Access.Anonymous;
        }
        // Cached under the stamp and the Paris day (membership dates turn at midnight); without a stamp (no cookie
        // check on this request), loaded fresh.
        if (http.HttpContext?.Items[StampItem] is not long stamp)
        {
            return _access = await ForPersonAsync(personId.Value, ct);
        }
        // One entry per person, replaced when the stamp or the day moved on (no pile of stale entries).
        var key = (nameof(Access), personId.Value);
        var today = Time.ParisDate.Today(time);
        if (cache.TryGetValue(key, out CachedAccess? cached) && cached is not null && cached.Stamp == stamp && cached.Day == today)
        {
            return _access = cached.Access;
        }
        _access = await ForPersonAsync(personId.Value, ct);
        cache.Set(key, new CachedAccess(stamp, today, _access), CacheLifetime);
        return _access;
    }

    private sealed record CachedAccess(long Stamp, DateOnly Day, Access Access);

    /// <summary>
    /// The access of another person than the signed-in one, for requests that authenticate otherwise (a private
    /// calendar feed authenticated by its token): the same rules, loaded fresh, never cached.
    /// </summary>
    public async Task<Access> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        // Membership dates are school days in Paris (a partner's access ends at midnight there).
        var today = Time.ParisDate.Today(time);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.PersonId == personId && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .ToListAsync(ct);
        // Children of a guardian, with their names and the classes they are enrolled in (one query).
        var children = await (
            from l in db.GuardianLinks.AsNoTracking()
            where l.GuardianId == personId
            join p in db.Persons.AsNoTracking() on l.PupilId equals p.Id
            join m in db.Memberships.AsNoTracking().Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class)
                on l.PupilId equals m.PersonId into pm
            from m in pm.DefaultIfEmpty()
            select new { l.PupilId, p.FirstName, p.LastName, ClassId = (Guid?)m.ScopeId }).ToListAsync(ct);
        // The model's filter keeps only memberships current today (PreauDbContext.MembershipDay).
        var groupIds = await db.GroupMembers.AsNoTracking()
            .Where(g => g.PersonId == personId)
            .Select(g => g.GroupId).ToListAsync(ct);
        var firstName = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FirstName).FirstOrDefaultAsync(ct) ?? "";

        // The classes the person reaches (their own, their children's, every class of a school they direct) with
        // their names, and the schools of all of them: the names pages show, cached with the access.
        var classIds = memberships.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(children.Where(c => c.ClassId != null).Select(c => c.ClassId!.Value)).Distinct().ToList();
        var directed = memberships.Where(m => m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId != null).Select(m => m.ScopeId!.Value).Distinct().ToList();
        var classes = classIds.Count == 0 && directed.Count == 0
            ? []
            : await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id) || directed.Contains(c.SchoolId))
                .Select(c => new ReachedClass(c.Id, c.Name, c.SchoolId, c.Levels, c.IsArchived)).ToListAsync(ct);
        var schoolIds = memberships.Where(m => m.ScopeType == ScopeType.School && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(classes.Select(c => c.SchoolId)).Distinct().ToList();
        var schools = schoolIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        return new Access(personId, memberships, children.Select(c => (c.PupilId, c.ClassId)).ToList(), groupIds,
            classes.ToDictionary(c => c.Id, c => c.SchoolId))
        {
            FirstName = firstName,
            Classes = classes.ToDictionary(c => c.Id),
            SchoolNames = schools,
            Children = children.DistinctBy(c => c.PupilId).Select(c => new ReachedPerson(c.PupilId, c.FirstName, c.LastName))
                .OrderBy(c => c.FirstName, StringComparer.CurrentCulture).ToList(),
        };
    }
}

/// <summary>A class the person reaches, as pages name it.</summary>
public sealed record ReachedClass(Guid Id, string Name, Guid SchoolId, Modules.Territory.Data.Levels Levels, bool IsArchived);

/// <summary>A child of the person, as pages name them.</summary>
public sealed record ReachedPerson(Guid Id, string FirstName, string LastName);

/// <summary>The memberships of one person, with the questions every page asks of them.</summary>
public sealed class Access
{
    public static readonly Access Anonymous = new(Guid.Empty, [], [], [], new Dictionary<Guid, Guid>());

    private readonly IReadOnlyList<(Guid PupilId, Guid? ClassId)> _children;
    private readonly IReadOnlyDictionary<Guid, Guid> _classSchools;
    // The person's access is kept between requests and every page asks these of it, several times: they are worked out
    // once. Written without a lock: two requests racing would both build the same immutable array.
    private readonly HashSet<Role> _roles;
    private Guid[]? _childIds;
    private Guid[]? _childClassIds;
    private (Guid PupilId, Guid ClassId)[]? _childClasses;
    private Guid[]? _staffClassIds;
    private Guid[]? _directedSchoolIds;

    public Access(Guid personId, IReadOnlyList<Membership> memberships, IReadOnlyList<(Guid PupilId, Guid? ClassId)> children,
        IReadOnlyList<Guid> groupIds, IReadOnlyDictionary<Guid, Guid> classSchools)
    {
        PersonId = personId;
        Memberships = memberships;
        _roles = [.. memberships.Select(m => m.Role)];
        _children = children;
        GroupIds = groupIds;
        _classSchools = classSchools;
    }

    public Guid PersonId { get; }
    public string FirstName { get; init; } = "";
    /// <summary>Classes the person reaches (their own, their children's, those of the schools they direct), archived ones included.</summary>
    public IReadOnlyDictionary<Guid, ReachedClass> Classes { get; init; } = new Dictionary<Guid, ReachedClass>();
    /// <summary>Names of the schools of <see cref="Classes"/> and of the person's school memberships.</summary>
    public IReadOnlyDictionary<Guid, string> SchoolNames { get; init; } = new Dictionary<Guid, string>();
    /// <summary>A guardian's children, by first name.</summary>
    public IReadOnlyList<ReachedPerson> Children { get; init; } = [];
    public IReadOnlyList<Membership> Memberships { get; }
    public IReadOnlyList<Guid> GroupIds { get; }
    public IEnumerable<Guid> ChildIds => _childIds ??= [.. _children.Select(c => c.PupilId).Distinct()];

    public bool IsTerritoryAdmin => HasRole(Role.TerritoryAdmin);
    public bool IsOperator => HasRole(Role.TerritoryAdmin) || HasRole(Role.Level2Support);
    public bool IsGuardian => _children.Count > 0;

    public bool HasRole(Role role) => role == Role.Guardian ? IsGuardian : _roles.Contains(role);

    public IEnumerable<Guid> ScopeIds(Role role, ScopeType scope) =>
        Memberships.Where(m => m.Role == role && m.ScopeType == scope && m.ScopeId != null).Select(m => m.ScopeId!.Value);

    /// <summary>Classes where the person teaches or works (teacher, school staff).</summary>
    public IEnumerable<Guid> StaffClassIds => _staffClassIds ??=
        [.. Memberships.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId != null && m.Role is Role.Teacher or Role.SchoolStaff)
            .Select(m => m.ScopeId!.Value).Distinct()];

    public IEnumerable<Guid> PupilClassIds => ScopeIds(Role.Pupil, ScopeType.Class);

    /// <summary>
    /// Classes a partner is invited into, between the invitation's dates (ADR 0037): they read its blog, albums, agenda
    /// and documents and take part in its forum, never its families' or pupils' own services.
    /// </summary>
    public IEnumerable<Guid> PartnerClassIds => ScopeIds(Role.Partner, ScopeType.Class);

    /// <summary>
    /// Classes whose <paramref name="service"/> (a home page catalogue key) a partner's invitation opens: the teacher
    /// chooses them when inviting (ADR 0039).
    /// </summary>
    public IEnumerable<Guid> PartnerClassIdsFor(string service) =>
        Memberships.Where(m => m.Role == Role.Partner && m.ScopeType == ScopeType.Class && m.ScopeId != null && m.OpensService(service))
            .Select(m => m.ScopeId!.Value);

    public bool PartnerMay(Guid classId, string service) =>
        Memberships.Any(m => m.Role == Role.Partner && m.ScopeType == ScopeType.Class && m.ScopeId == classId && m.OpensService(service));
    /// <summary>Each child of a guardian with the class they are enrolled in.</summary>
    public IEnumerable<(Guid PupilId, Guid ClassId)> ChildClasses => _childClasses ??=
        [.. _children.Where(c => c.ClassId != null).Select(c => (c.PupilId, c.ClassId!.Value)).Distinct()];

    public IEnumerable<Guid> ChildClassIds => _childClassIds ??= [.. _children.Where(c => c.ClassId != null).Select(c => c.ClassId!.Value).Distinct()];

    /// <summary>Schools where the person directs, teaches or works.</summary>
    public IEnumerable<Guid> StaffSchoolIds =>
        Memberships.Where(m => m.ScopeType == ScopeType.School && m.ScopeId != null && m.Role is Role.Director or Role.Teacher or Role.SchoolStaff)
            .Select(m => m.ScopeId!.Value)
            .Concat(StaffClassIds.Select(SchoolOfClass).OfType<Guid>())
            .Distinct();

    public IEnumerable<Guid> DirectedSchoolIds => _directedSchoolIds ??= [.. ScopeIds(Role.Director, ScopeType.School)];

    public Guid? SchoolOfClass(Guid classId) => _classSchools.TryGetValue(classId, out var s) ? s : null;

    public bool IsDirectorOf(Guid schoolId) => IsTerritoryAdmin || DirectedSchoolIds.Contains(schoolId);

    public bool IsStaffOfSchool(Guid schoolId) => IsTerritoryAdmin || StaffSchoolIds.Contains(schoolId);

    public bool TeachesClass(Guid classId) =>
        Memberships.Any(m => m.ScopeType == ScopeType.Class && m.ScopeId == classId && m.Role == Role.Teacher);

    public bool IsChild(Guid pupilId) => _children.Any(c => c.PupilId == pupilId);
}
