using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Dashboard;

/// <summary>
/// Every space's service switches, kept in memory under the access stamp (ADR 0016): every home page reads them and
/// they change a few times a year. Saving a switch raises the stamp like a membership change does, so the next request
/// of every instance reads them again; a request without a stamp reads the database.
/// </summary>
public sealed class ServiceSettingsCache(PreauDbContext db, IHttpContextAccessor http, IMemoryCache cache)
{
    private const string Key = "home:service-settings";

    // A safety net only, as for the access cache: a missed stamp raise heals within this time.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<ServiceSetting>> ForScopesAsync(IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default)
    {
        if (http.HttpContext?.Items[AccessContext.StampItem] is not long stamp)
        {
            return await db.ServiceSettings.AsNoTracking().Where(s => scopeIds.Contains(s.ScopeId)).ToListAsync(ct);
        }
        if (!cache.TryGetValue(Key, out Cached? cached) || cached is null || cached.Stamp != stamp)
        {
            var fresh = new Cached(stamp, (await db.ServiceSettings.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.ScopeId));
            // A request that read an older stamp must not put back what a newer one replaced.
            if (cached is null || cached.Stamp < stamp)
            {
                cache.Set(Key, fresh, Lifetime);
            }
            cached = fresh;
        }
        return [.. scopeIds.Distinct().SelectMany(id => cached.ByScope[id])];
    }

    private sealed record Cached(long Stamp, ILookup<Guid, ServiceSetting> ByScope);
}
