using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// The services a group offers, kept with the same per-scope settings as schools and classes, so that the home
/// page and every service's own check treat a group like any other space.
/// </summary>
public sealed class GroupServices(PreauDbContext db, ServiceCatalog catalog)
{
    public IReadOnlyList<ServiceDefinition> Available => [.. catalog.All.Where(s => s.Scopes.Contains(ScopeType.Group))];

    public async Task<IReadOnlyList<(ServiceDefinition Service, bool Enabled)>> StateAsync(Guid groupId, CancellationToken ct)
    {
        var settings = await db.ServiceSettings.AsNoTracking().Where(s => s.ScopeType == ScopeType.Group && s.ScopeId == groupId).ToListAsync(ct);
        return [.. Available.Select(s => (s, Home.Dashboard.SpacesQuery.IsEnabled(settings, s, ScopeType.Group, groupId)))];
    }

    /// <summary>Records every available service as on or off (then saves), so that a later default change does not alter the group.</summary>
    public async Task SaveAsync(Guid groupId, IReadOnlyCollection<string> enabled, CancellationToken ct)
    {
        var existing = await db.ServiceSettings.Where(s => s.ScopeType == ScopeType.Group && s.ScopeId == groupId).ToListAsync(ct);
        foreach (var service in Available)
        {
            var on = enabled.Contains(service.Key);
            var setting = existing.FirstOrDefault(s => s.ServiceKey == service.Key);
            if (setting is null)
            {
                db.ServiceSettings.Add(new ServiceSetting { ScopeType = ScopeType.Group, ScopeId = groupId, ServiceKey = service.Key, Enabled = on });
            }
            else
            {
                setting.Enabled = on;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
