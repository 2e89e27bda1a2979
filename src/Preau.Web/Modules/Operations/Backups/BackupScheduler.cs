using Preau.Web.Platform.Jobs;
using Preau.Web.Platform.Time;

namespace Preau.Web.Modules.Operations.Backups;

/// <summary>
/// Takes the day's backup once the configured hour has passed (Europe/Paris) and none succeeded today, then deletes
/// archives outside the retention rule. Checks every few minutes, so a server started late still backs up that day.
/// </summary>
internal sealed class BackupScheduler(BackupRunner runner, BackupJournal journal, BackupOptions options, JobLeases leases, TimeProvider time, ILogger<BackupScheduler> logger) : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5), time);
        do
        {
            try
            {
                // With several instances one takes the day's backup (the journal folder is on the shared store).
                await leases.RunExclusiveAsync("backups", RunOnceAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scheduled backup pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var local = ParisDate.ToParis(now);
        var today = DateOnly.FromDateTime(local);
        if (local.Hour < options.Hour || journal.Read().Any(r => r.Succeeded && r.Trigger == Triggers.Scheduled
                && DateOnly.FromDateTime(ParisDate.ToParis(r.StartedAt)) == today))
        {
            return;
        }
        var record = await runner.RunAsync(Triggers.Scheduled, ct);
        if (record.Succeeded)
        {
            Prune(today);
        }
    }

    private void Prune(DateOnly today)
    {
        var archives = Directory.EnumerateFiles(journal.Folder, Retention.Prefix + "*" + Retention.Extension)
            .Select(path => (Path: path, At: Retention.DateOf(Path.GetFileName(path))))
            .Where(a => a.At is not null)
            .ToList();
        var doomed = Retention.ToDelete(archives, a => DateOnly.FromDateTime(ParisDate.ToParis(a.At!.Value)), today,
            options.RetentionDays, options.RetentionWeeks);
        foreach (var (path, _) in doomed)
        {
            File.Delete(path);
            logger.LogInformation("Backup pruned by retention: {File}", Path.GetFileName(path));
        }
    }
}

/// <summary>What started a backup, as recorded in the journal.</summary>
public static class Triggers
{
    public const string Scheduled = "planifiée";
    public const string Manual = "manuelle";
    public const string Command = "commande";
}
