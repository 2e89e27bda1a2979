using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda;

/// <summary>An agenda a person may read, with its label, its colour (an index in the palette) and whether they may edit it.</summary>
public sealed record AgendaInfo(Guid Id, AgendaKind Kind, Guid OwnerId, string Label, string Audience, bool CanEdit, int Colour);

/// <summary>
/// Who may read and edit which agenda, from the person's memberships:
/// personal: its owner; class: the class's teachers and staff, the school's director, the class's pupils and their
/// guardians, edited by its teachers and the director; school: its staff, pupils and families, edited by
/// the director; group: its members, edited by its owners, moderators and the teachers among its members.
/// Agendas are created on first use; anything not listed here answers 404.
/// </summary>
public sealed class AgendaDirectory(PreauDbContext db, TimeProvider time, IMemoryCache cache, IServiceSwitches switches)
{
    public const int Palette = 6;

    public async Task<IReadOnlyList<AgendaInfo>> ListAsync(Access a, CancellationToken ct = default)
    {
        if (a.PersonId == Guid.Empty)
        {
            return [];
        }
        var directed = a.DirectedSchoolIds.ToList();
        var classIds = a.StaffClassIds.Concat(a.PupilClassIds).Concat(a.ChildClassIds).Concat(a.PartnerClassIdsFor(ServiceKeys.Agenda)).Distinct().ToList();
        // Classes and schools with their names come with the (cached) access.
        var classes = a.Classes.Values.Where(c => !c.IsArchived && (classIds.Contains(c.Id) || directed.Contains(c.SchoolId)))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        // A partner invited into a class reads its agenda, not its school's.
        var guestOnly = a.PartnerClassIds.Except(a.StaffClassIds).Except(a.PupilClassIds).Except(a.ChildClassIds).ToHashSet();
        var schoolIds = a.StaffSchoolIds.Concat(classes.Where(c => !guestOnly.Contains(c.Id) || directed.Contains(c.SchoolId)).Select(c => c.SchoolId)).Distinct().ToList();
        var schools = schoolIds.Select(id => new { Id = id, Name = a.SchoolNames.GetValueOrDefault(id) ?? "" })
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var groupIds = a.GroupIds.ToList();
        // Most families belong to no group: no query for them.
        var groups = groupIds.Count == 0 ? [] : await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && !g.IsArchived)
            .OrderBy(g => g.Name).Select(g => new { g.Id, g.Name, g.OwnerId }).ToListAsync(ct);
        var groupEditors = groupIds.Count == 0 ? [] : await db.GroupMembers.AsNoTracking()
            .Where(m => m.PersonId == a.PersonId && groupIds.Contains(m.GroupId) && (m.Role == GroupRole.Owner || m.Role == GroupRole.Moderator))
            .Select(m => m.GroupId).ToListAsync(ct);
        var isTeacher = a.HasRole(Role.Teacher) || a.HasRole(Role.Director);
        // Spaces that switched their agenda off (ADR 0028) have none: not listed, not found, no events on the home page.
        var offClasses = await switches.OffAmongAsync(ServiceKeys.Agenda, ScopeType.Class, [.. classes.Select(c => c.Id)], ct);
        var offSchools = await switches.OffAmongAsync(ServiceKeys.Agenda, ScopeType.School, [.. schools.Select(s => s.Id)], ct);
        var offGroups = groups.Count == 0 ? new HashSet<Guid>() : await switches.OffAmongAsync(ServiceKeys.Agenda, ScopeType.Group, [.. groups.Select(g => g.Id)], ct);

        var wanted = new List<(AgendaKind Kind, Guid Owner, string Label, string Audience, bool CanEdit)>
        {
            (AgendaKind.Personal, a.PersonId, "Mon agenda personnel", "Visible par vous seul", true),
        };
        wanted.AddRange(classes.Where(c => IsReaderOfClass(a, c.Id, c.SchoolId) && !offClasses.Contains(c.Id)).Select(c => (AgendaKind.Class, c.Id, "Classe " + c.Name,
            $"Visible par les élèves, les familles et les enseignants de la classe {c.Name}, et par la direction de l'école",
            a.IsTerritoryAdmin || a.TeachesClass(c.Id) || a.IsDirectorOf(c.SchoolId))));
        wanted.AddRange(schools.Where(s => !offSchools.Contains(s.Id)).Select(s => (AgendaKind.School, s.Id, s.Name,
            $"Visible par l'équipe, les élèves et les familles de l'école {s.Name}", a.IsDirectorOf(s.Id))));
        wanted.AddRange(groups.Where(g => !offGroups.Contains(g.Id)).Select(g => (AgendaKind.Group, g.Id, "Groupe " + g.Name, $"Visible par les membres du groupe {g.Name}",
            g.OwnerId == a.PersonId || groupEditors.Contains(g.Id) || isTeacher)));

        // An agenda's id never changes once created: kept in memory, the home and agenda pages find them without a query.
        var ids = new Guid[wanted.Count];
        var missing = Enumerable.Range(0, wanted.Count).Where(i => !cache.TryGetValue(IdKey(wanted[i].Kind, wanted[i].Owner), out ids[i])).ToList();
        if (missing.Count > 0)
        {
            var owners = missing.Select(i => wanted[i].Owner).ToList();
            var existing = await db.Agendas.AsNoTracking().Where(x => owners.Contains(x.OwnerId)).ToListAsync(ct);
            var created = false;
            foreach (var i in missing)
            {
                var agenda = existing.FirstOrDefault(x => x.Kind == wanted[i].Kind && x.OwnerId == wanted[i].Owner);
                if (agenda is null)
                {
                    agenda = new AgendaCalendar { Kind = wanted[i].Kind, OwnerId = wanted[i].Owner, CreatedAt = time.GetUtcNow().UtcDateTime };
                    db.Agendas.Add(agenda);
                    created = true;
                }
                ids[i] = agenda.Id;
            }
            if (created)
            {
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Two first visits at once: the other request created it; read the ids again.
                    db.ChangeTracker.Clear();
                    return await ListAsync(a, ct);
                }
            }
            foreach (var i in missing)
            {
                cache.Set(IdKey(wanted[i].Kind, wanted[i].Owner), ids[i], IdLifetime);
            }
        }
        return [.. wanted.Select((w, i) => new AgendaInfo(ids[i], w.Kind, w.Owner, w.Label, w.Audience, w.CanEdit, i % Palette))];
    }

    private static (string, AgendaKind, Guid) IdKey(AgendaKind kind, Guid owner) => ("agenda:id", kind, owner);

    // Ids of the persons seen this evening stay; the others leave memory after an hour.
    private static readonly MemoryCacheEntryOptions IdLifetime = new() { SlidingExpiration = TimeSpan.FromHours(1) };

    /// <summary>The class agenda is not for other classes' pupils, families or teachers, even in the same school; a partner invited into the class reads it.</summary>
    private static bool IsReaderOfClass(Access a, Guid classId, Guid schoolId) =>
        a.IsDirectorOf(schoolId) || a.StaffClassIds.Contains(classId) || a.PupilClassIds.Contains(classId) || a.ChildClassIds.Contains(classId)
        || a.PartnerMay(classId, ServiceKeys.Agenda);

    public async Task<AgendaInfo?> FindAsync(Access a, Guid agendaId, CancellationToken ct = default) =>
        (await ListAsync(a, ct)).FirstOrDefault(x => x.Id == agendaId);
}
