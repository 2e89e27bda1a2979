using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Modules.Accounts.Audit;

/// <summary>Deletes login events older than one year, once a day.</summary>
internal sealed class LoginEventRetention(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<LoginEventRetention> logger)
    : DailyRetentionJob(scopes, leases, time, logger)
{
    protected override string LeaseName => "login-event-retention";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => PurgeAsync(Scopes, Time, ct);

    public static Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct) =>
        PurgeAsync(scopes, time, (db, cutoff, c) => db.LoginEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(c), ct);
}
