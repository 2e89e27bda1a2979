using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Dashboard;

/// <summary>Every space's service switches: every home page reads them and they change a few times a year.</summary>
public sealed class ServiceSettingsCache(PreauDbContext db, StampedCache cache)
{
    public async Task<IReadOnlyList<ServiceSetting>> ForScopesAsync(IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        return [.. scopeIds.Distinct().SelectMany(id => all[id])];
    }

    /// <summary>Every switch of the territory, by the space it belongs to.</summary>
    public Task<ILookup<Guid, ServiceSetting>> AllAsync(CancellationToken ct = default) =>
        cache.GetAsync("home:service-settings", async c => (await db.ServiceSettings.AsNoTracking().ToListAsync(c)).ToLookup(s => s.ScopeId), ct);
}
