using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Audit;

namespace Preau.Web.Modules.Accounts.Audit;

/// <summary>Deletes login events older than one year, once a day.</summary>
internal sealed class LoginEventRetention(IServiceScopeFactory scopes, TimeProvider time, ILogger<LoginEventRetention> logger) : DailyRetentionJob(scopes, time, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken ct) => PurgeAsync(Scopes, Time, ct);

    public static Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct) =>
        PurgeAsync(scopes, time, (db, cutoff, c) => db.LoginEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(c), ct);
}
