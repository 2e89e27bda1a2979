using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.Home.Dashboard;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home;

internal sealed class ServiceSwitches(ServiceSettingsCache settings, ServiceCatalog catalog, AccessContext context, PreauDbContext db, IHttpContextAccessor http) : IServiceSwitches
{
    public const string OffText = "Ce service a été désactivé pour cet espace par son enseignant ou sa direction. Rien n'a été supprimé : tout réapparaîtra s'il est réactivé.";

    public async Task<bool> IsOnAsync(string serviceKey, ScopeType scope, Guid scopeId, CancellationToken ct = default)
    {
        var on = (await OffAmongAsync(serviceKey, scope, [scopeId], ct)).Count == 0;
        if (!on && http.HttpContext is { } current && Reaches(await context.GetAsync(ct), scope, scopeId))
        {
            // The page refused because of the switch answers 404: the error page tells the space's own people why
            // rather than « introuvable ». Anyone else learns nothing, not even that the service is off there.
            Platform.Errors.ErrorPageText.Set(current, OffText);
        }
        return on;
    }

    private static bool Reaches(Access a, ScopeType scope, Guid id) => a.IsTerritoryAdmin || scope switch
    {
        ScopeType.Class => a.Classes.ContainsKey(id) || a.StaffClassIds.Contains(id) || a.PupilClassIds.Contains(id) || a.ChildClassIds.Contains(id),
        ScopeType.School => a.StaffSchoolIds.Contains(id) || a.PupilClassIds.Concat(a.ChildClassIds).Any(c => a.SchoolOfClass(c) == id),
        ScopeType.Group => a.GroupIds.Contains(id),
        _ => false,
    };

    public async Task<IReadOnlySet<Guid>> SpacesOffAsync(string serviceKey, CancellationToken ct = default)
    {
        var table = await settings.AllAsync(ct);
        var off = table.ByScope.SelectMany(g => g).Where(s => s.ServiceKey == serviceKey && !s.Enabled).Select(s => s.ScopeId).ToHashSet();
        var schools = table.SchoolsOff[serviceKey].ToList();
        if (schools.Count > 0)
        {
            off.UnionWith(await db.Classes.AsNoTracking().Where(c => schools.Contains(c.SchoolId)).Select(c => c.Id).ToListAsync(ct));
        }
        return off;
    }

    public async Task<IReadOnlySet<Guid>> OffAmongAsync(string serviceKey, ScopeType scope, IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default)
    {
        var service = catalog.Find(serviceKey);
        if (service is null || !service.Scopes.Contains(scope) || scopeIds.Count == 0)
        {
            return new HashSet<Guid>();
        }
        var table = await settings.AllAsync(ct);
        var all = table.ByScope;
        var off = scopeIds.Where(id => !SpacesQuery.IsEnabled(all[id], service, scope, id)).ToHashSet();
        if (scope != ScopeType.Class)
        {
            return off;
        }
        // A class inherits its school's switch. Most territories switch little off: the school of each class is only
        // looked for when some school switched this service off (or when it is off by default).
        if (!table.SchoolsOff[serviceKey].Any() && service.EnabledByDefault)
        {
            return off;
        }
        var a = await context.GetAsync(ct);
        var rest = scopeIds.Where(id => !off.Contains(id)).ToList();
        var schoolOf = rest.Select(id => (Id: id, School: a.SchoolOfClass(id))).Where(x => x.School is not null).ToDictionary(x => x.Id, x => x.School!.Value);
        var unknown = rest.Where(id => !schoolOf.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var c in await db.Classes.AsNoTracking().Where(c => unknown.Contains(c.Id)).Select(c => new { c.Id, c.SchoolId }).ToListAsync(ct))
            {
                schoolOf[c.Id] = c.SchoolId;
            }
        }
        foreach (var (classId, schoolId) in schoolOf)
        {
            if (!SpacesQuery.IsEnabled(all[schoolId], service, ScopeType.School, schoolId))
            {
                off.Add(classId);
            }
        }
        return off;
    }
}
