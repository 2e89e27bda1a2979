using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Charters;

/// <summary>The charter in force for adults and for children; a new version asks everyone again.</summary>
public sealed class CharterService(PreauDbContext db)
{
    public Task<Charter?> CurrentAsync(CharterAudience audience, CancellationToken ct = default) =>
        db.Charters.AsNoTracking().Where(c => c.Audience == audience).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);

    public static CharterAudience AudienceOf(PreauUser user) => user.IsPupil ? CharterAudience.Child : CharterAudience.Adult;

    /// <summary>Whether the user must (again) accept the charter before going anywhere.</summary>
    public async Task<bool> MustAcceptAsync(PreauUser user, CancellationToken ct = default)
    {
        var current = await CurrentAsync(AudienceOf(user), ct);
        return current is not null && user.CharterVersionAccepted < current.Version;
    }
}
