using Microsoft.Extensions.Caching.Memory;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// Data that many pages read and that changes a few times a day at most (the services' switches and the school
/// holidays, set by administrators; the news of the home page), kept in memory under the access stamp (ADR 0016):
/// saving it raises the stamp like a membership change does (<see cref="AccessStamp.Concerns(Type)"/>), so the next
/// request of every instance reads it again. A request without a stamp (no cookie check on it) reads the database.
/// </summary>
public sealed class StampedCache(IHttpContextAccessor http, IMemoryCache cache)
{
    // A safety net only, as for the access cache: a missed stamp raise heals within this time.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        if (http.HttpContext?.Items[AccessContext.StampItem] is not long stamp)
        {
            return await load(ct);
        }
        if (cache.TryGetValue(key, out Entry<T>? cached) && cached is not null && cached.Stamp == stamp)
        {
            return cached.Value;
        }
        var fresh = new Entry<T>(stamp, await load(ct));
        // A request that read an older stamp must not put back what a newer one replaced.
        if (cached is null || cached.Stamp < stamp)
        {
            cache.Set(key, fresh, Lifetime);
        }
        return fresh.Value;
    }

    private sealed record Entry<T>(long Stamp, T Value);
}
