using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Modules.Accounts.Audit;

/// <summary>Deletes login events older than one year, once a day.</summary>
internal sealed class LoginEventRetention(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<LoginEventRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(365);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), time);
        do
        {
            try
            {
                await leases.RunExclusiveAsync("login-event-retention", ct => PurgeAsync(scopes, time, ct), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Login event purge failed; it will be tried again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public static async Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var cutoff = time.GetUtcNow().UtcDateTime - Retention;
        return await db.LoginEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
