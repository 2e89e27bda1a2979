using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Modules.Files;

/// <summary>
/// Nothing stays orphaned forever: removes the files whose owner object no longer exists (its module's policy says
/// so; an unknown purpose counts as gone) and content in the store that has no metadata row (an upload interrupted
/// between the two writes). Only what is older than <see cref="Grace"/>, so that an upload in progress is never taken.
/// </summary>
internal sealed class FileCleanup(PreauDbContext db, IFileStore store, FileService files, IEnumerable<IFileAccessPolicy> policies, TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(6);

    /// <summary>One pass; <paramref name="onlyPurpose"/> limits the owner pass to one purpose (tests sweep their own files only).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default, string? onlyPurpose = null)
    {
        var before = time.GetUtcNow().UtcDateTime - Grace;
        var removed = 0;
        var owners = await db.FilesStored.AsNoTracking().Where(f => f.CreatedAt < before && (onlyPurpose == null || f.Purpose == onlyPurpose))
            .Select(f => new { f.Purpose, f.OwnerId }).Distinct().ToListAsync(ct);
        foreach (var group in owners.GroupBy(o => o.Purpose))
        {
            var policy = policies.FirstOrDefault(p => p.Purpose == group.Key);
            var ids = group.Select(g => g.OwnerId).ToList();
            var existing = policy is null ? new HashSet<Guid>() : await policy.ExistingOwnersAsync(ids, ct);
            var gone = ids.Where(i => !existing.Contains(i)).ToList();
            foreach (var chunk in gone.Chunk(200))
            {
                var rows = await db.FilesStored.Where(f => f.Purpose == group.Key && chunk.Contains(f.OwnerId) && f.CreatedAt < before).ToListAsync(ct);
                await files.DeleteRowsAsync(rows, ct);
                removed += rows.Count;
            }
        }
        var candidates = new List<string>();
        await foreach (var (key, writtenAt) in store.ListAsync(ct))
        {
            if (writtenAt < before)
            {
                candidates.Add(key);
            }
        }
        foreach (var chunk in candidates.Chunk(500))
        {
            var known = (await db.FilesStored.AsNoTracking().Where(f => chunk.Contains(f.StorageKey)).Select(f => f.StorageKey).ToListAsync(ct)).ToHashSet();
            foreach (var key in chunk.Where(k => !known.Contains(k)))
            {
                await store.DeleteAsync(key, ct);
                removed++;
            }
        }
        return removed;
    }
}

/// <summary>Runs <see cref="FileCleanup"/> a few minutes after start-up, then every six hours.</summary>
internal sealed class FileCleanupService(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<FileCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), time, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(6), time);
            do
            {
                try
                {
                    // One instance sweeps the shared store at a time.
                    await leases.RunExclusiveAsync("files-cleanup", async ct =>
                    {
                        using var scope = scopes.CreateScope();
                        var removed = await scope.ServiceProvider.GetRequiredService<FileCleanup>().RunAsync(ct);
                        logger.LogInformation("Files cleanup removed {Count} orphan(s)", removed);
                    }, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Files cleanup failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
