using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Accounts.Charters;

/// <summary>The charter in force for adults and for children; a new version asks everyone again.</summary>
public sealed class CharterService(PreauDbContext db, ISharedCache cache)
{
    // Every page asks whether the charter must be accepted again: the version in force is kept in memory for a short
    // while. Publishing clears it at once on every instance (through Redis when there are several).
    private static readonly TimeSpan VersionLifetime = TimeSpan.FromSeconds(30);

    public Task<Charter?> CurrentAsync(CharterAudience audience, CancellationToken ct = default) =>
        db.Charters.AsNoTracking().Where(c => c.Audience == audience).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);

    public static CharterAudience AudienceOf(PreauUser user) => user.IsPupil ? CharterAudience.Child : CharterAudience.Adult;

    /// <summary>Whether the user must (again) accept the charter before going anywhere.</summary>
    public async Task<bool> MustAcceptAsync(PreauUser user, CancellationToken ct = default)
    {
        var audience = AudienceOf(user);
        var version = await cache.GetOrCreateAsync(VersionKey(audience), VersionLifetime,
            () => db.Charters.AsNoTracking().Where(c => c.Audience == audience).MaxAsync(c => (int?)c.Version, ct));
        return version is not null && user.CharterVersionAccepted < version;
    }

    /// <summary>Called after publishing a version, so that every instance asks for it from the next page on.</summary>
    public void Published(CharterAudience audience) => cache.Invalidate(VersionKey(audience));

    private static string VersionKey(CharterAudience audience) => $"charter-version:{audience}";
}
