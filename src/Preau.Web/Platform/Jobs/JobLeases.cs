using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Platform.Jobs;

/// <summary>
/// Runs a periodic job on one instance at a time through a row of <c>platform_job_leases</c>. Taking and renewing are
/// one conditional UPDATE each (the database decides between racing instances, on SQLite and PostgreSQL alike), the
/// first insert is guarded by the primary key. A single process (no Redis configured) runs its jobs without asking.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider time, ScaleOutOptions scaleOut, ILogger<JobLeases> logger)
{
    /// <summary>How long a lease lasts without renewal: the delay before another instance takes over a dead one's jobs.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(60);

    /// <summary>This process, as written in the lease rows (host, process id and a random part: a restarted process is a new owner).</summary>
    public string Owner { get; } = OwnerName();

    /// <summary>
    /// Runs <paramref name="work"/> if this instance holds (or takes) the lease <paramref name="name"/>, renewing it
    /// while the work lasts and giving it up afterwards; false when another instance holds it. The work's token is
    /// cancelled if the lease is lost (database unreachable for longer than the lease), so two instances never overlap
    /// for long.
    /// </summary>
    public async Task<bool> RunExclusiveAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct, TimeSpan? ttl = null)
    {
        if (!scaleOut.Enabled)
        {
            await work(ct);
            return true;
        }
        var lifetime = ttl ?? DefaultTtl;
        if (!await TryAcquireAsync(name, lifetime, ct))
        {
            return false;
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(name, lifetime, lost, stopRenewing.Token);
        try
        {
            await work(lost.Token);
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
            await ReleaseAsync(name);
        }
        return true;
    }

    /// <summary>Takes the lease if it is free, expired or already ours (then renews it); true when this instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.Add(ttl);
        var owner = Owner;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Owner == owner || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }
        db.JobLeases.Add(new JobLease { Name = name, Owner = owner, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The row exists and another instance holds it.
            return false;
        }
    }

    /// <summary>Gives the lease up at once (best effort: otherwise it simply expires).</summary>
    public async Task ReleaseAsync(string name)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var owner = Owner;
            var past = time.GetUtcNow().UtcDateTime.AddSeconds(-1);
            await db.JobLeases.Where(l => l.Name == name && l.Owner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past));
        }
        catch (Exception e)
        {
            logger.LogWarning("Releasing job lease {Lease} failed ({Error}); it will expire", name, e.GetType().Name);
        }
    }

    private static string OwnerName()
    {
        var name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return name.Length <= 120 ? name : name[^120..];
    }

    private async Task RenewWhileRunningAsync(string name, TimeSpan ttl, CancellationTokenSource lost, CancellationToken stop)
    {
        var lastRenewed = time.GetUtcNow();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(ttl / 3, time, stop);
                bool held;
                try
                {
                    held = await TryAcquireAsync(name, ttl, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly unreachable: the lease is still ours until it expires.
                    held = time.GetUtcNow() - lastRenewed < ttl;
                    logger.LogWarning("Renewing job lease {Lease} failed ({Error})", name, e.GetType().Name);
                }
                if (!held)
                {
                    logger.LogWarning("Job lease {Lease} lost: stopping the job", name);
                    await lost.CancelAsync();
                    return;
                }
                lastRenewed = time.GetUtcNow();
            }
        }
        catch (OperationCanceledException)
        {
            // The work is over.
        }
    }
}
