using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Audit;

/// <summary>Deletes audit events older than one year, once a day (the convention keeps the trail one year).</summary>
internal sealed class AuditRetention(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(365);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), time);
        do
        {
            try
            {
                await PurgeAsync(scopes, time, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Audit trail purge failed; it will be tried again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public static async Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var cutoff = time.GetUtcNow().UtcDateTime - Retention;
        return await db.AuditEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
