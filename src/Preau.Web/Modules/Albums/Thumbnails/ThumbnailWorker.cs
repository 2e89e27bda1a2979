using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums.Thumbnails;

/// <summary><c>Preau:Albums</c> in the configuration.</summary>
public sealed class AlbumsOptions
{
    /// <summary>Off in tests, which run <see cref="ThumbnailWorker.ProcessOnceAsync"/> themselves.</summary>
    public bool ThumbnailsEnabled { get; set; } = true;
    public int PollSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 20;
    /// <summary>Photos resized at the same time; each holds one decoded image in memory.</summary>
    public int Parallelism { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 2);
    public int LeaseSeconds { get; set; } = 300;
    public int ThumbSide { get; set; } = 400;
    public int DisplaySide { get; set; } = 1600;
}

/// <summary>Wakes the worker when photos were just uploaded, instead of waiting for its next poll.</summary>
public sealed class ThumbnailSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by another upload.
            }
        }
    }

    public Task WaitAsync(CancellationToken ct) => _semaphore.WaitAsync(ct);
}

/// <summary>
/// Makes thumbnails and display sizes of uploaded photos from the durable job rows, out of the request. Idempotent:
/// a job whose photo already has both sizes is just closed; variants left by a crashed attempt are removed before a new
/// one. An unreadable image closes its job with an error after three attempts (the photo keeps its placeholder).
/// </summary>
internal sealed class ThumbnailWorker(IServiceScopeFactory scopes, TimeProvider time, AlbumsOptions options, ThumbnailSignal signal, ILogger<ThumbnailWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ThumbnailsEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at first start, or be briefly unreachable: try again later.
                logger.LogWarning(e, "Thumbnail pass failed");
            }
            using var delay = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, delay.Token);
            try
            {
                await signal.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval elapsed.
            }
        }
    }

    /// <summary>One full pass over every due job; returns how many photos got their sizes. Safe beside another pass.</summary>
    public async Task<int> ProcessOnceAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var (claimed, done) = await BatchAsync(ct);
            total += done;
            if (claimed < options.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<(int Claimed, int Done)> BatchAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lease = Guid.NewGuid();
        List<Guid> jobIds;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var due = await db.AlbumThumbnailJobs.AsNoTracking()
                .Where(j => j.DoneAt == null && j.NextAttemptAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
                .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(options.BatchSize).ToListAsync(ct);
            if (due.Count == 0)
            {
                return (0, 0);
            }
            // The claim repeats the conditions on the rows: of two workers racing, the database gives each row to one.
            await db.AlbumThumbnailJobs
                .Where(j => due.Contains(j.Id) && j.DoneAt == null && (j.LeaseUntil == null || j.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseId, lease).SetProperty(j => j.LeaseUntil, now.AddSeconds(options.LeaseSeconds)), ct);
            jobIds = await db.AlbumThumbnailJobs.AsNoTracking().Where(j => j.LeaseId == lease).Select(j => j.Id).ToListAsync(ct);
            if (jobIds.Count == 0)
            {
                return (due.Count, 0);
            }
        }
        var done = 0;
        await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct }, async (jobId, token) =>
        {
            if (await ProcessJobAsync(jobId, lease, token))
            {
                Interlocked.Increment(ref done);
            }
        });
        return (jobIds.Count, done);
    }

    private async Task<bool> ProcessJobAsync(Guid jobId, Guid lease, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<IFileService>();
        var now = time.GetUtcNow().UtcDateTime;
        var job = await db.AlbumThumbnailJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
        var photo = await db.AlbumPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == job.PhotoId, ct);
        if (photo is null || (photo.ThumbFileId is not null && photo.DisplayFileId is not null))
        {
            await CloseAsync(db, jobId, lease, now, null, ct);
            return false;
        }
        try
        {
            // Leftovers of an attempt that stopped between storing variants and recording them.
            var existing = await files.ListAsync(AlbumAccess.Purpose, [photo.Id], ct);
            foreach (var stray in existing[photo.Id].Where(f => f.Id != photo.OriginalFileId))
            {
                await files.DeleteAsync(stray.Id, ct);
            }
            var variants = await files.SaveImageVariantsAsync(photo.OriginalFileId, [options.ThumbSide, options.DisplaySide], ct);
            if (variants is null)
            {
                await FailAsync(db, job, lease, now, "Image illisible", ct);
                return false;
            }
            var updated = await db.AlbumPhotos.Where(p => p.Id == photo.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ThumbFileId, variants[0].Id).SetProperty(p => p.DisplayFileId, variants[1].Id), ct);
            if (updated == 0)
            {
                // The photo was deleted meanwhile: its files go too.
                await files.DeleteOwnerAsync(AlbumAccess.Purpose, photo.Id, ct);
            }
            await CloseAsync(db, jobId, lease, now, null, ct);
            return updated > 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Thumbnail job {JobId} failed", jobId);
            await FailAsync(db, job, lease, now, e.GetType().Name, ct);
            return false;
        }
    }

    private static Task CloseAsync(PreauDbContext db, Guid jobId, Guid lease, DateTime now, string? error, CancellationToken ct) =>
        db.AlbumThumbnailJobs.Where(j => j.Id == jobId && j.LeaseId == lease)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.DoneAt, now).SetProperty(j => j.Error, error).SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);

    private static async Task FailAsync(PreauDbContext db, ThumbnailJob job, Guid lease, DateTime now, string error, CancellationToken ct)
    {
        if (job.Attempts + 1 >= MaxAttempts)
        {
            await CloseAsync(db, job.Id, lease, now, error, ct);
            return;
        }
        await db.AlbumThumbnailJobs.Where(j => j.Id == job.Id && j.LeaseId == lease)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.Error, error)
                .SetProperty(j => j.NextAttemptAt, now.AddMinutes(job.Attempts + 1)).SetProperty(j => j.LeaseId, (Guid?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
    }
}
