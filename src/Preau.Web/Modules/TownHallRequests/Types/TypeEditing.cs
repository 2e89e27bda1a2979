using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests.Types;

public sealed record AgentRow(Guid Id, string Name);

/// <summary>A collectivité's request types, their handlers and its settings, changed by its agents (checked by the page); audited.</summary>
public sealed class TypeEditing(PreauDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>The municipal agents of the collectivité today: the people a type may be handled by.</summary>
    public async Task<IReadOnlyList<AgentRow>> AgentsAsync(Guid authorityId, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return await db.Memberships.AsNoTracking()
            .Where(m => m.Role == Role.MunicipalAgent && m.ScopeType == ScopeType.LocalAuthority && m.ScopeId == authorityId
                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.LastName, p.FirstName })
            .Distinct().OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Select(p => new AgentRow(p.Id, p.FirstName + " " + p.LastName)).ToListAsync(ct);
    }

    public async Task<ILookup<Guid, Guid>> HandlersAsync(IReadOnlyCollection<Guid> typeIds, CancellationToken ct = default) =>
        (await db.TownHallTypeHandlers.AsNoTracking().Where(h => typeIds.Contains(h.TypeId)).ToListAsync(ct)).ToLookup(h => h.TypeId, h => h.PersonId);

    /// <summary>Renames, archives or restores a type and replaces its handlers (only agents of the collectivité are kept).</summary>
    public async Task<bool> UpdateAsync(Guid authorityId, Guid typeId, string name, bool archived, IEnumerable<Guid> handlerIds, Guid actorId, CancellationToken ct = default)
    {
        var type = await db.TownHallTypes.FirstOrDefaultAsync(t => t.Id == typeId && t.LocalAuthorityId == authorityId, ct);
        if (type is null)
        {
            return false;
        }
        var agents = (await AgentsAsync(authorityId, ct)).Select(a => a.Id).ToHashSet();
        var wanted = handlerIds.Where(agents.Contains).ToHashSet();
        type.Name = name.Trim();
        type.IsArchived = archived;
        var current = await db.TownHallTypeHandlers.Where(h => h.TypeId == typeId).ToListAsync(ct);
        db.TownHallTypeHandlers.RemoveRange(current.Where(h => !wanted.Contains(h.PersonId)));
        db.TownHallTypeHandlers.AddRange(wanted.Where(id => current.All(h => h.PersonId != id)).Select(id => new RequestTypeHandler { TypeId = typeId, PersonId = id }));
        audit.Add(actorId, "townhall.type.updated", "townhall_type", typeId, $"archived={archived};handlers={wanted.Count}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task AddAsync(Guid authorityId, string name, RequestCategory category, Guid actorId, CancellationToken ct = default)
    {
        var position = (await db.TownHallTypes.Where(t => t.LocalAuthorityId == authorityId).MaxAsync(t => (int?)t.Position, ct) ?? 0) + 1;
        var type = new RequestType { LocalAuthorityId = authorityId, Name = name.Trim(), Category = category, Position = position };
        db.TownHallTypes.Add(type);
        audit.Add(actorId, "townhall.type.added", "townhall_type", type.Id, category.ToString());
        await db.SaveChangesAsync(ct);
    }

    public async Task SetTeachersMayFileAsync(Guid authorityId, bool allowed, Guid actorId, CancellationToken ct = default)
    {
        var settings = await db.TownHallSettings.FirstOrDefaultAsync(s => s.LocalAuthorityId == authorityId, ct);
        if (settings is null)
        {
            db.TownHallSettings.Add(new TownHallSettings { LocalAuthorityId = authorityId, TeachersMayFile = allowed });
        }
        else
        {
            settings.TeachersMayFile = allowed;
        }
        audit.Add(actorId, "townhall.settings", "local_authority", authorityId, $"teachersMayFile={allowed}");
        await db.SaveChangesAsync(ct);
    }
}
