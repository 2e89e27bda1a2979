using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Dashboard;

/// <summary>Every switch of the territory by the space it belongs to, and the schools that switched each service off.</summary>
public sealed record ServiceSwitchTable(ILookup<Guid, ServiceSetting> ByScope, ILookup<string, Guid> SchoolsOff);

/// <summary>Every space's service switches: every home page reads them and they change a few times a year.</summary>
public sealed class ServiceSettingsCache(PreauDbContext db, StampedCache cache)
{
    public async Task<IReadOnlyList<ServiceSetting>> ForScopesAsync(IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default)
    {
        var all = (await AllAsync(ct)).ByScope;
        return [.. scopeIds.Distinct().SelectMany(id => all[id])];
    }

    public Task<ServiceSwitchTable> AllAsync(CancellationToken ct = default) =>
        cache.GetAsync("home:service-settings", async c =>
        {
            var rows = await db.ServiceSettings.AsNoTracking().ToListAsync(c);
            return new ServiceSwitchTable(rows.ToLookup(s => s.ScopeId),
                rows.Where(s => s.ScopeType == ScopeType.School && !s.Enabled).ToLookup(s => s.ServiceKey, s => s.ScopeId));
        }, ct);
}
