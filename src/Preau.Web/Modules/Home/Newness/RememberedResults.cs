using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// Keeps the results of the home page's statements per owner while <see cref="SpaceActivity"/> has seen no committed
/// write to what they read in their places (ADR 0041), for <see cref="RememberedFor"/> at most.
/// </summary>
internal sealed class RememberedResults(SpaceActivity activity, IMemoryCache cache, TimeProvider time) : IRememberedResults
{
    /// <summary>
    /// How long a result is kept without a change seen by this process: what it cannot see — a write by another program,
    /// a message between instances lost while Redis was away, a scheduled article whose time came, a window sliding —
    /// shows within that time.
    /// </summary>
    public static readonly TimeSpan RememberedFor = TimeSpan.FromSeconds(30);

    private sealed record Remembered(long Tick, DateTime At, Guid[] Places, object Result);

    public async Task<T> GetAsync<T>(RememberedStatement statement, Guid owner, object parameters, IReadOnlyCollection<Guid> places,
        Func<CancellationToken, Task<T>> run, CancellationToken ct = default) where T : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        // One entry per owner and parameters (compared with Equals as part of the key): a family with children in two
        // classes keeps both classes' pages.
        var key = (nameof(RememberedResults), statement.Name, owner, parameters);
        if (cache.TryGetValue(key, out Remembered? remembered) && remembered is { Result: T kept }
            && now - remembered.At < RememberedFor && now >= remembered.At
            && remembered.Places.SequenceEqual(places)
            && activity.UnchangedSince(statement.Name, remembered.Tick, owner, places))
        {
            Count(statement, true);
            return kept;
        }
        Count(statement, false);
        // Read before the statement: a change committed after it is told with a later tick, so what is remembered
        // below is dropped at the next request if the statement might have missed it.
        var tick = activity.Now;
        var result = await run(ct);
        cache.Set(key, new Remembered(tick, now, [.. places], result), RememberedFor);
        return result;
    }

    private static void Count(RememberedStatement statement, bool remembered) =>
        PreauMeter.HomeRemembered.Add(1, new KeyValuePair<string, object?>("statement", statement.Name), new KeyValuePair<string, object?>("remembered", remembered));
}
