using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Charters;

/// <summary>The charter in force for adults and for children; a new version asks everyone again.</summary>
public sealed class CharterService(PreauDbContext db, IMemoryCache cache)
{
    // Every page asks whether the charter must be accepted again: the version in force is kept in memory for a short
    // while. Publishing on this instance clears it at once; other instances follow within this delay.
    private static readonly TimeSpan VersionLifetime = TimeSpan.FromSeconds(30);

    public Task<Charter?> CurrentAsync(CharterAudience audience, CancellationToken ct = default) =>
        db.Charters.AsNoTracking().Where(c => c.Audience == audience).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);

    public static CharterAudience AudienceOf(PreauUser user) => user.IsPupil ? CharterAudience.Child : CharterAudience.Adult;

    /// <summary>Whether the user must (again) accept the charter before going anywhere.</summary>
    public async Task<bool> MustAcceptAsync(PreauUser user, CancellationToken ct = default)
    {
        var audience = AudienceOf(user);
        var version = await cache.GetOrCreateAsync(VersionKey(audience), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = VersionLifetime;
            return await db.Charters.AsNoTracking().Where(c => c.Audience == audience).MaxAsync(c => (int?)c.Version, ct);
        });
        return version is not null && user.CharterVersionAccepted < version;
    }

    /// <summary>Called after publishing a version, so that this instance asks for it from the next page on.</summary>
    public void Published(CharterAudience audience) => cache.Remove(VersionKey(audience));

    private static string VersionKey(CharterAudience audience) => $"charter-version:{audience}";
}
