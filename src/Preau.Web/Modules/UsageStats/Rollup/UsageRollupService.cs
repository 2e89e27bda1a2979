namespace Preau.Web.Modules.UsageStats.Rollup;

/// <summary>
/// Runs the roll-up shortly after start-up and then every hour: it only works when a whole day (Paris) has passed
/// since the last run, and resumes where it stopped if the platform was down.
/// </summary>
public sealed class UsageRollupService(IServiceScopeFactory scopes, TimeProvider time, ILogger<UsageRollupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<UsageRollup>().RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Usage roll-up failed; it resumes at the next run");
                }
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
