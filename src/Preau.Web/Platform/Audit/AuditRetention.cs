using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Platform.Audit;

/// <summary>
/// A nightly job deleting rows older than <see cref="Retention"/> (one year by default): the login log, the audit
/// trail, notifications. A failed pass is logged and tried again the next night. With several instances, one of them runs each pass
/// (a database lease).
/// </summary>
internal abstract class DailyRetentionJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(365);

    protected IServiceScopeFactory Scopes { get; } = scopes;
    protected TimeProvider Time { get; } = time;

    /// <summary>The hour (Europe/Paris) of each night's pass: after the backup (2 h by default), long before school.</summary>
    public const int PassHour = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // At night, not at start-up: a restart during the evening peak would add the deletions' scans of a year of
            // rows to its warm-up, and a process restarted often would run them each time.
            await Task.Delay(UntilNextPass(Time.GetUtcNow()), Time, stoppingToken);
            try
            {
                await leases.RunExclusiveAsync(LeaseName, RunOnceAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Job} failed; it will be tried again tomorrow", GetType().Name);
            }
        }
    }

    /// <summary>Time left until the next <see cref="PassHour"/> o'clock in Paris (summer or winter time).</summary>
    public static TimeSpan UntilNextPass(DateTimeOffset now)
    {
        var paris = Platform.Time.ParisDate.ToParis(now.UtcDateTime);
        var next = paris.Date.AddHours(PassHour);
        if (next <= paris)
        {
            next = next.AddDays(1);
        }
        return Platform.Time.ParisDate.ToUtc(next) - now.UtcDateTime;
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
