using Microsoft.Extensions.Caching.Memory;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// Data that many pages read and that changes a few times a day at most (the services' switches and the school
/// holidays, set by administrators; the news of the home page), kept in memory under the access stamp (ADR 0016):
/// saving it raises the stamp like a membership change does (<see cref="AccessStamp.Concerns(Type)"/>), so the next
/// request of every instance reads it again. A request without a stamp (no cookie check on it: a visitor of a public
/// blog, a calendar feed, a background job) gets what was read for such requests in the last half-minute: every
/// visitor of the showcase would otherwise read the whole switches table again.
/// </summary>
public sealed class StampedCache(IHttpContextAccessor http, IMemoryCache cache)
{
    // A safety net only, as for the access cache: a missed stamp raise heals within this time.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a change may take to reach requests without a stamp (public pages are cached longer by browsers).</summary>
    public static readonly TimeSpan UnstampedLifetime = TimeSpan.FromSeconds(30);

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        if (http.HttpContext?.Items[AccessContext.StampItem] is not long stamp)
        {
            var unstampedKey = (key, "unstamped");
            if (cache.TryGetValue(unstampedKey, out T? recent) && recent is not null)
            {
                return recent;
            }
            var loaded = await load(ct);
            cache.Set(unstampedKey, loaded, UnstampedLifetime);
            return loaded;
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
            // Requests without a stamp see the change as soon as one with the new stamp has read it.
            cache.Set((key, "unstamped"), fresh.Value, UnstampedLifetime);
        }
        return fresh.Value;
    }

    private sealed record Entry<T>(long Stamp, T Value);
}
