using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Platform.Audit;

/// <summary>
/// A daily job deleting rows older than <see cref="Retention"/> (one year by default): the login log, the audit
/// trail. A failed pass is logged and tried again the next day. With several instances, one of them runs each pass
/// (a database lease).
/// </summary>
internal abstract class DailyRetentionJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(365);

    protected IServiceScopeFactory Scopes { get; } = scopes;
    protected TimeProvider Time { get; } = time;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), Time);
        do
        {
            try
            {
                await leases.RunExclusiveAsync(LeaseName, RunOnceAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Job} failed; it will be tried again tomorrow", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    protected abstract string LeaseName { get; }

    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>Deletes, in a scope of its own, the rows <paramref name="delete"/> selects before now minus the retention.</summary>
    protected static async Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, Func<PreauDbContext, DateTime, CancellationToken, Task<int>> delete, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await delete(scope.ServiceProvider.GetRequiredService<PreauDbContext>(), time.GetUtcNow().UtcDateTime - Retention, ct);
    }
}

/// <summary>Deletes audit events older than one year, once a day (the convention keeps the trail one year).</summary>
internal sealed class AuditRetention(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<AuditRetention> logger)
    : DailyRetentionJob(scopes, leases, time, logger)
{
    protected override string LeaseName => "audit-retention";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => PurgeAsync(Scopes, Time, ct);

    public static Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct) =>
        PurgeAsync(scopes, time, (db, cutoff, c) => db.AuditEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(c), ct);
}
