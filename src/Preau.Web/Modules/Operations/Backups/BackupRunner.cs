using System.Diagnostics;

namespace Preau.Web.Modules.Operations.Backups;

/// <summary>
/// Runs one backup at a time into the backups folder (scheduled, or « Sauvegarder maintenant »), records each outcome in
/// the journal, and exposes the running one's step to the admin page.
/// </summary>
public sealed class BackupRunner(IServiceScopeFactory scopes, BackupJournal journal, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<BackupRunner> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Progress? _current;

    public sealed record Progress(DateTime StartedAt, string Trigger, string Step);

    public Progress? Current => _current;

    /// <summary>Starts a backup in the background; false when one is already running.</summary>
    public bool TryStart(string trigger)
    {
        if (!_gate.Wait(0))
        {
            return false;
        }
        // Shown as running from now on: the page the administrator is sent back to must see it (and keep refreshing)
        // even if the background task has not started yet.
        _current = new Progress(time.GetUtcNow().UtcDateTime, trigger, "Démarrage");
        _ = Task.Run(async () =>
        {
            try
            {
                await RunHeldAsync(trigger, lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                // Already in the journal; a background task must never crash the process.
                logger.LogError(ex, "Background backup failed");
            }
            finally
            {
                _gate.Release();
            }
        });
        return true;
    }

    public async Task<BackupRecord> RunAsync(string trigger, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RunHeldAsync(trigger, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BackupRecord> RunHeldAsync(string trigger, CancellationToken ct)
    {
        var startedAt = time.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        _current = new Progress(startedAt, trigger, "Démarrage");
        // Cleared only once the journal has the result: a refresh in between would show neither and stop refreshing.
        try
        {
            var path = Path.Combine(journal.Folder, Retention.FileName(startedAt));
            BackupRecord record;
            try
            {
                using var scope = scopes.CreateScope();
                var service = scope.ServiceProvider.GetRequiredService<BackupService>();
                var result = await service.CreateAsync(path, step => _current = new Progress(startedAt, trigger, step), ct);
                record = new BackupRecord(startedAt, result.Duration.TotalSeconds, trigger, true, Path.GetFileName(result.Path), result.Size, result.FileCount, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Backup failed");
                var message = ex is BackupException ? ex.Message : "Erreur inattendue : " + ex.GetType().Name + " (voir le journal du serveur).";
                record = new BackupRecord(startedAt, Stopwatch.GetElapsedTime(started).TotalSeconds, trigger, false, null, 0, 0, message);
            }
            journal.Add(record);
            return record;
        }
        finally
        {
            _current = null;
        }
    }
}
