using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.People;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Communication.Contracts;

/// <summary>
/// The one answer to "may A write to B" and "whom may A reach", for messaging, the directory and every
/// recipient picker. Relations are computed from memberships with a few set-based queries, then checked
/// against the matrix (defaults + the administrator's overrides), the class settings, the pupils' curfew
/// and the crisis switches. <see cref="ReachableAsync"/> ignores the curfew and crisis switches (the
/// directory stays the same at night); <see cref="MayWriteAsync"/> applies them.
/// </summary>
public sealed class CommunicationRules(PreauDbContext db, TimeProvider time)
{
    /// <summary>At most this many candidates are examined for one search; a picker narrows with <c>q</c>.</summary>
    public const int MaxCandidates = 1000;

    private Dictionary<(Role, Role, Relation), bool>? _overrides;

    public async Task<Decision> MayWriteAsync(Guid from, Guid to, CancellationToken ct = default)
    {
        if (from == to)
        {
            return Decision.No("Vous ne pouvez pas vous écrire à vous-même.");
        }
        var facts = await LoadFactsAsync([from, to], ct);
        if (!facts.TryGetValue(from, out var sender) || !facts.TryGetValue(to, out var recipient))
        {
            return Decision.No("Cette personne est introuvable.");
        }
        if (!sender.Roles.Contains(Role.TerritoryAdmin))
        {
            var crisis = (await ActiveCrisesAsync(ct)).FirstOrDefault(c => Affects(c, sender) || Affects(c, recipient));
            if (crisis is not null)
            {
                return Decision.No($"La messagerie est suspendue : {crisis.Message}");
            }
        }
        if (sender.IsPupilOnly || recipient.IsPupilOnly)
        {
            var curfew = await GetCurfewAsync(ct);
            if (IsInCurfew(curfew, time.GetUtcNow()))
            {
                return Decision.No($"La messagerie des élèves est fermée la nuit ({Hour(curfew.StartsAt)} – {Hour(curfew.EndsAt)}).");
            }
        }
        if (sender.IsPupilOnly && sender.PupilMode == PupilMessaging.Closed)
        {
            return Decision.No(sender.ClosedAlone ? "Ta messagerie est fermée. Demande à ton enseignant." : "Votre enseignant a fermé la messagerie de la classe.");
        }
        var overrides = await OverridesAsync(ct);
        return Allows(sender, recipient, overrides)
            ? Decision.Yes
            : Decision.No("Les règles de communication ne permettent pas d'écrire à cette personne.");
    }

    /// <summary>
    /// <see cref="MayWriteAsync"/> for many recipients at once (a whole class's families), in the same fixed number
    /// of queries whatever their number. Unknown or archived recipients are refused like in <see cref="MayWriteAsync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Decision>> MayWriteManyAsync(Guid from, IReadOnlyCollection<Guid> to, CancellationToken ct = default)
    {
        var result = new Dictionary<Guid, Decision>();
        var targets = to.Distinct().ToList();
        if (targets.Count == 0)
        {
            return result;
        }
        var facts = await LoadFactsAsync([from, .. targets], ct);
        if (!facts.TryGetValue(from, out var sender))
        {
            return targets.ToDictionary(t => t, _ => Decision.No("Cette personne est introuvable."));
        }
        var crises = sender.Roles.Contains(Role.TerritoryAdmin) ? [] : await ActiveCrisesAsync(ct);
        CurfewSetting? curfew = null;
        var overrides = await OverridesAsync(ct);
        foreach (var id in targets)
        {
            if (id == from)
            {
                result[id] = Decision.No("Vous ne pouvez pas vous écrire à vous-même.");
                continue;
            }
            if (!facts.TryGetValue(id, out var recipient))
            {
                result[id] = Decision.No("Cette personne est introuvable.");
                continue;
            }
            var crisis = crises.FirstOrDefault(c => Affects(c, sender) || Affects(c, recipient));
            if (crisis is not null)
            {
                result[id] = Decision.No($"La messagerie est suspendue : {crisis.Message}");
                continue;
            }
            if (sender.IsPupilOnly || recipient.IsPupilOnly)
            {
                curfew ??= await GetCurfewAsync(ct);
                if (IsInCurfew(curfew, time.GetUtcNow()))
                {
                    result[id] = Decision.No($"La messagerie des élèves est fermée la nuit ({Hour(curfew.StartsAt)} – {Hour(curfew.EndsAt)}).");
                    continue;
                }
            }
            if (sender.IsPupilOnly && sender.PupilMode == PupilMessaging.Closed)
            {
                result[id] = Decision.No(sender.ClosedAlone ? "Ta messagerie est fermée. Demande à ton enseignant." : "Votre enseignant a fermé la messagerie de la classe.");
                continue;
            }
            result[id] = Allows(sender, recipient, overrides)
                ? Decision.Yes
                : Decision.No("Les règles de communication ne permettent pas d'écrire à cette personne.");
        }
        return result;
    }

    /// <summary>
    /// The people <paramref name="from"/> may write to, by name, filtered by <paramref name="q"/> (name), with
    /// the total of those found. At most <see cref="MaxCandidates"/> candidates are examined.
    /// </summary>
    public Task<(IReadOnlyList<Reachable> Items, int Total)> ReachableAsync(Guid from, string? q, int skip, int take, CancellationToken ct = default) =>
        ReachableWithinAsync(from, q, null, skip, take, ct);

    /// <summary>
    /// <see cref="ReachableAsync"/> among <paramref name="within"/> only (say, the members of one class), applied in
    /// SQL before the <see cref="MaxCandidates"/> cut, so that a narrowed directory is never truncated.
    /// </summary>
    public async Task<(IReadOnlyList<Reachable> Items, int Total)> ReachableWithinAsync(Guid from, string? q, IQueryable<Guid>? within, int skip, int take, CancellationToken ct = default)
    {
        var senderFacts = await LoadFactsAsync([from], ct);
        if (!senderFacts.TryGetValue(from, out var sender) || (sender.IsPupilOnly && sender.PupilMode == PupilMessaging.Closed))
        {
            return ([], 0);
        }
        var overrides = await OverridesAsync(ct);
        var relations = DefaultMatrix.Relations
            .Where(r => sender.Roles.Any(s => DefaultMatrix.Profiles.Any(t => IsAllowed(overrides, s, t, r)))).ToHashSet();
        var targets = relations.ToDictionary(r => r, r => DefaultMatrix.Profiles.Where(t => sender.Roles.Any(s => IsAllowed(overrides, s, t, r))).ToHashSet());
        var candidates = CandidateIds(sender, targets);
        var persons = db.Persons.AsNoTracking().Where(p => !p.IsArchived && p.Id != from);
        if (candidates is not null)
        {
            persons = persons.Where(p => candidates.Contains(p.Id));
        }
        if (within is not null)
        {
            persons = persons.Where(p => within.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = SearchFold.Pattern(q);
            persons = persons.Where(p => EF.Functions.Like(SearchFold.Folded(p.SearchName), pattern));
        }
        var found = await persons.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FirstName, p.LastName }).Take(MaxCandidates).ToListAsync(ct);
        var facts = await LoadFactsAsync([.. found.Select(f => f.Id)], ct);
        var allowed = found.Where(f => facts.TryGetValue(f.Id, out var r) && Allows(sender, r, overrides))
            .Select(f => new Reachable(f.Id, $"{f.FirstName} {f.LastName}", ProfileLabel(facts[f.Id]))).ToList();
        return (allowed.Skip(skip).Take(take).ToList(), allowed.Count);
    }

    /// <summary>The effective value of one cell: the administrator's choice, or the default.</summary>
    public async Task<bool> IsAllowedAsync(Role from, Role to, Relation relation, CancellationToken ct = default) =>
        IsAllowed(await OverridesAsync(ct), from, to, relation);

    public async Task<CurfewSetting> GetCurfewAsync(CancellationToken ct = default) =>
        await db.Set<CurfewSetting>().AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new CurfewSetting();

    /// <summary>Switches in force now.</summary>
    public async Task<IReadOnlyList<CrisisSwitch>> ActiveCrisesAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<CrisisSwitch>().AsNoTracking()
            .Where(c => c.StartsAt <= now && (c.EndsAt == null || c.EndsAt > now)).OrderBy(c => c.StartsAt).ToListAsync(ct);
    }

    public static bool IsInCurfew(CurfewSetting curfew, DateTimeOffset now)
    {
        if (!curfew.Enabled || curfew.StartsAt == curfew.EndsAt)
        {
            return false;
        }
        var local = TimeOnly.FromDateTime(Platform.Time.ParisDate.ToParis(now.UtcDateTime));
        return curfew.StartsAt < curfew.EndsAt
            ? local >= curfew.StartsAt && local < curfew.EndsAt
            : local >= curfew.StartsAt || local < curfew.EndsAt;
    }

    public static string Hour(TimeOnly t) =>
        t.Minute == 0 ? $"{t.Hour} h" : string.Create(CultureInfo.InvariantCulture, $"{t.Hour} h {t.Minute:00}");

    private static bool Affects(CrisisSwitch c, PersonFacts p) => c.Scope switch
    {
        CrisisScope.Territory => true,
        CrisisScope.Profile => c.Profile is { } role && p.Roles.Contains(role),
        CrisisScope.School => c.SchoolId is { } s && p.Schools.Contains(s),
        _ => false,
    };

    private static string ProfileLabel(PersonFacts p) =>
        PeopleLabels.Role(DefaultMatrix.Profiles.Where(p.Roles.Contains).DefaultIfEmpty(Role.Guardian).First());

    private static bool IsAllowed(Dictionary<(Role, Role, Relation), bool> overrides, Role from, Role to, Relation relation) =>
        overrides.TryGetValue((from, to, relation), out var v) ? v : DefaultMatrix.IsAllowed(from, to, relation);

    private async Task<Dictionary<(Role, Role, Relation), bool>> OverridesAsync(CancellationToken ct) =>
        _overrides ??= (await db.Set<CommunicationRule>().AsNoTracking().ToListAsync(ct))
            .ToDictionary(r => (r.SenderProfile, r.RecipientProfile, r.Relation), r => r.Allowed);

    private static bool Allows(PersonFacts sender, PersonFacts recipient, Dictionary<(Role, Role, Relation), bool> overrides)
    {
        foreach (var a in sender.Positions)
        {
            if (a.Role == Role.Pupil && sender.PupilMode == PupilMessaging.Closed)
            {
                continue;
            }
            foreach (var b in recipient.Positions)
            {
                // Pupil to pupil only where both classes are open to it.
                if (a.Role == Role.Pupil && b.Role == Role.Pupil && (sender.PupilMode != PupilMessaging.Open || recipient.PupilMode != PupilMessaging.Open))
                {
                    continue;
                }
                foreach (var r in Relations(a, b))
                {
                    if (IsAllowed(overrides, a.Role, b.Role, r))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static IEnumerable<Relation> Relations(Position a, Position b)
    {
        yield return Relation.Territory;
        if (a.Classes.Overlaps(b.Classes))
        {
            yield return Relation.SameClass;
        }
        if (a.Schools.Overlaps(b.Schools))
        {
            yield return Relation.SameSchool;
        }
        if ((a.Role == Role.Guardian) != (b.Role == Role.Guardian) && a.Family.Overlaps(b.Family))
        {
            yield return Relation.Family;
        }
        if (a.Authorities.Overlaps(b.Authorities))
        {
            yield return Relation.SameAuthority;
        }
        if (a.Districts.Overlaps(b.Districts))
        {
            yield return Relation.SameDistrict;
        }
        if (a.Groups.Overlaps(b.Groups))
        {
            yield return Relation.SameGroup;
        }
    }

    /// <summary>
    /// A coarse superset of the people related to the sender, as one query; null when anyone may be. The people of a
    /// circonscription's or collectivité's schools are candidates only when the sender may reach school people through
    /// that relation (an advisor, an agent), not when it only leads to advisors or agents (a teacher): otherwise every
    /// person of the circonscription would crowd the <see cref="MaxCandidates"/> cut and hide reachable people.
    /// </summary>
    private IQueryable<Guid>? CandidateIds(PersonFacts s, Dictionary<Relation, HashSet<Role>> targets)
    {
        var relations = targets.Keys.ToHashSet();
        if (relations.Contains(Relation.Territory))
        {
            return null;
        }
        var classes = s.Positions.SelectMany(p => p.Classes).Distinct().ToList();
        var schools = s.Positions.SelectMany(p => p.Schools).Distinct().ToList();
        var authorities = s.Positions.SelectMany(p => p.Authorities).Distinct().ToList();
        var districts = s.Positions.SelectMany(p => p.Districts).Distinct().ToList();
        var groups = s.Positions.SelectMany(p => p.Groups).Distinct().ToList();
        var familyClasses = s.Positions.SelectMany(p => p.Family).Where(f => f.Kind == 'c').Select(f => f.Id).Distinct().ToList();
        var familySchools = s.Positions.SelectMany(p => p.Family).Where(f => f.Kind == 's').Select(f => f.Id).Distinct().ToList();
        if (!relations.Contains(Relation.SameAuthority))
        {
            authorities = [];
        }
        if (!relations.Contains(Relation.SameDistrict))
        {
            districts = [];
        }
        Role[] schoolPeople = [Role.Pupil, Role.Guardian, Role.Teacher, Role.Director, Role.SchoolStaff];
        var authoritySchools = relations.Contains(Relation.SameAuthority) && targets[Relation.SameAuthority].Overlaps(schoolPeople) ? authorities : [];
        var districtSchools = relations.Contains(Relation.SameDistrict) && targets[Relation.SameDistrict].Overlaps(schoolPeople) ? districts : [];
        // Schools of the sender's collectivités and circonscriptions (when they lead to school people), and their classes.
        var groupements = db.LocalAuthorityMembers.Where(m => authorities.Contains(m.MunicipalityId)).Select(m => m.GroupId);
        var allSchools = db.Schools.Where(x => schools.Contains(x.Id) || authoritySchools.Contains(x.LocalAuthorityId) || districtSchools.Contains(x.DistrictId)
            || familySchools.Contains(x.Id)).Select(x => x.Id);
        var allClasses = db.Classes.Where(c => classes.Contains(c.Id) || familyClasses.Contains(c.Id) || allSchools.Contains(c.SchoolId)).Select(c => c.Id);
        var members = db.Memberships.Where(m =>
                (m.ScopeType == ScopeType.Class && allClasses.Contains(m.ScopeId!.Value))
                || (m.ScopeType == ScopeType.School && allSchools.Contains(m.ScopeId!.Value))
                || (m.ScopeType == ScopeType.LocalAuthority && (authorities.Contains(m.ScopeId!.Value) || groupements.Contains(m.ScopeId!.Value)))
                || (m.ScopeType == ScopeType.District && districts.Contains(m.ScopeId!.Value))
                || (m.ScopeType == ScopeType.Group && groups.Contains(m.ScopeId!.Value)))
            .Select(m => m.PersonId);
        var groupMembers = db.GroupMembers.Where(g => groups.Contains(g.GroupId)).Select(g => g.PersonId);
        // Guardians of the pupils of the sender's classes and schools.
        var pupils = db.Memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && allClasses.Contains(m.ScopeId!.Value)).Select(m => m.PersonId);
        var guardians = relations.Contains(Relation.Family)
            ? db.GuardianLinks.Where(l => pupils.Contains(l.PupilId)).Select(l => l.GuardianId)
            : db.GuardianLinks.Where(l => false).Select(l => l.GuardianId);
        return members.Union(groupMembers).Union(guardians);
    }

    /// <summary>What each person is, where: one position per membership (and one as a guardian), with the tags relations compare.</summary>
    private async Task<Dictionary<Guid, PersonFacts>> LoadFactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, PersonFacts>();
        if (ids.Count == 0)
        {
            return result;
        }
        var idList = ids.Distinct().ToList();
        var today = Platform.Time.ParisDate.Today(time);
        var existing = await db.Persons.AsNoTracking().Where(p => idList.Contains(p.Id) && !p.IsArchived).Select(p => p.Id).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => idList.Contains(m.PersonId) && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .Select(m => new { m.PersonId, m.Role, m.ScopeType, m.ScopeId }).ToListAsync(ct);
        var children = await (
            from l in db.GuardianLinks.AsNoTracking()
            where idList.Contains(l.GuardianId)
            join m in db.Memberships.AsNoTracking().Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class)
                on l.PupilId equals m.PersonId
            select new { l.GuardianId, ClassId = m.ScopeId!.Value }).ToListAsync(ct);
        var groupRows = await db.GroupMembers.AsNoTracking()
            .Where(g => idList.Contains(g.PersonId) && (g.EndsOn == null || g.EndsOn >= today) && (g.StartsOn == null || g.StartsOn <= today))
            .Select(g => new { g.PersonId, g.GroupId }).ToListAsync(ct);
        var classIds = memberships.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(children.Select(c => c.ClassId)).Distinct().ToList();
        var classSchools = classIds.Count == 0 ? [] : await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.SchoolId, ct);
        var schoolIds = memberships.Where(m => m.ScopeType == ScopeType.School && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(classSchools.Values).Distinct().ToList();
        var schools = schoolIds.Count == 0 ? [] : await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.LocalAuthorityId, s.DistrictId), ct);
        var agentAuthorities = memberships.Where(m => m.Role == Role.MunicipalAgent && m.ScopeType == ScopeType.LocalAuthority && m.ScopeId != null)
            .Select(m => m.ScopeId!.Value).Distinct().ToList();
        var communes = (agentAuthorities.Count == 0 ? [] : await db.LocalAuthorityMembers.AsNoTracking()
            .Where(m => agentAuthorities.Contains(m.GroupId)).ToListAsync(ct))
            .ToLookup(m => m.GroupId, m => m.MunicipalityId);
        var pupilClasses = memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId != null)
            .Select(m => m.ScopeId!.Value).Distinct().ToList();
        var modes = pupilClasses.Count == 0 ? [] : await db.Set<ClassMessagingSetting>().AsNoTracking()
            .Where(s => pupilClasses.Contains(s.ClassId)).ToDictionaryAsync(s => s.ClassId, s => s.Mode, ct);
        var pupils = memberships.Where(m => m.Role == Role.Pupil).Select(m => m.PersonId).Distinct().ToList();
        var closedPupils = pupils.Count == 0 ? [] : (await db.Set<PupilMessagingClosure>().AsNoTracking()
            .Where(c => pupils.Contains(c.PupilId)).Select(c => c.PupilId).ToListAsync(ct)).ToHashSet();

        foreach (var id in existing)
        {
            var groups = groupRows.Where(g => g.PersonId == id).Select(g => g.GroupId)
                .Concat(memberships.Where(m => m.PersonId == id && m.ScopeType == ScopeType.Group && m.ScopeId != null).Select(m => m.ScopeId!.Value))
                .ToHashSet();
            var positions = new List<Position>();
            foreach (var m in memberships.Where(m => m.PersonId == id))
            {
                var p = new Position(m.Role) { Groups = groups };
                switch (m.ScopeType)
                {
                    case ScopeType.Class when m.ScopeId is { } c:
                        p.Classes.Add(c);
                        if (classSchools.TryGetValue(c, out var cs))
                        {
                            AddSchool(p, cs, schools);
                        }
                        if (m.Role is Role.Teacher or Role.SchoolStaff)
                        {
                            p.Family.Add(('c', c));
                        }
                        break;
                    case ScopeType.School when m.ScopeId is { } s:
                        AddSchool(p, s, schools);
                        if (m.Role == Role.Director)
                        {
                            p.Family.Add(('s', s));
                        }
                        break;
                    case ScopeType.LocalAuthority when m.ScopeId is { } a:
                        p.Authorities.Add(a);
                        p.Authorities.UnionWith(communes[a]);
                        break;
                    case ScopeType.District when m.ScopeId is { } d:
                        p.Districts.Add(d);
                        break;
                    default:
                        break;
                }
                positions.Add(p);
            }
            var childClasses = children.Where(c => c.GuardianId == id).Select(c => c.ClassId).Distinct().ToList();
            var childSchools = childClasses.Where(classSchools.ContainsKey).Select(c => classSchools[c]).Distinct().ToList();
            if (childClasses.Count > 0)
            {
                var g = new Position(Role.Guardian) { Groups = groups };
                g.Family.UnionWith(childClasses.Select(c => ('c', c)));
                g.Family.UnionWith(childSchools.Select(s => ('s', s)));
                positions.Add(g);
            }
            if (positions.Count == 0 && groups.Count > 0)
            {
                positions.Add(new Position(Role.Partner) { Groups = groups });
            }
            var roles = positions.Select(p => p.Role).ToHashSet();
            var ownPupilClasses = memberships.Where(m => m.PersonId == id && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId != null)
                .Select(m => modes.TryGetValue(m.ScopeId!.Value, out var mode) ? mode : PupilMessaging.TeacherOnly).ToList();
            var closedAlone = closedPupils.Contains(id);
            var pupilMode = closedAlone || ownPupilClasses.Contains(PupilMessaging.Closed) ? PupilMessaging.Closed
                : ownPupilClasses.Contains(PupilMessaging.TeacherOnly) || ownPupilClasses.Count == 0 ? PupilMessaging.TeacherOnly
                : PupilMessaging.Open;
            var personSchools = positions.SelectMany(p => p.Schools).Concat(childSchools).ToHashSet();
            result[id] = new PersonFacts(positions, roles, pupilMode, personSchools) { ClosedAlone = closedAlone };
        }
        return result;
    }

    private static void AddSchool(Position p, Guid schoolId, Dictionary<Guid, (Guid LocalAuthorityId, Guid DistrictId)> schools)
    {
        p.Schools.Add(schoolId);
        if (schools.TryGetValue(schoolId, out var s))
        {
            p.Authorities.Add(s.LocalAuthorityId);
            p.Districts.Add(s.DistrictId);
        }
    }

    private sealed class Position(Role role)
    {
        public Role Role { get; } = role;
        public HashSet<Guid> Classes { get; } = [];
        public HashSet<Guid> Schools { get; } = [];
        public HashSet<Guid> Authorities { get; } = [];
        public HashSet<Guid> Districts { get; } = [];
        public HashSet<Guid> Groups { get; init; } = [];
        /// <summary>('c', class) and ('s', school): a guardian's children's, a teacher's classes, a director's school.</summary>
        public HashSet<(char Kind, Guid Id)> Family { get; } = [];
    }

    private sealed record PersonFacts(IReadOnlyList<Position> Positions, HashSet<Role> Roles, PupilMessaging PupilMode, HashSet<Guid> Schools)
    {
        public bool IsPupilOnly => Roles.Count == 1 && Roles.Contains(Role.Pupil);

        /// <summary>This pupil's messaging is closed on its own (<see cref="PupilMessagingClosure"/>), not the class's.</summary>
        public bool ClosedAlone { get; init; }
    }
}
