using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Operations.Metrics;

public sealed record QueueSnapshot(int OutboxPending, TimeSpan? OutboxOldestAge, int ThumbnailsPending, DateTime TakenAt);

/// <summary>
/// Lengths of the background queues (notification outbox, album thumbnails), read with three small queries at most every
/// <see cref="CacheFor"/>: a Prometheus scrape or a refresh of the health page never costs a query per gauge.
/// </summary>
public sealed class QueueStats
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private QueueSnapshot? _last;

    public QueueStats(IServiceScopeFactory scopes, TimeProvider time, IMeterFactory meters)
    {
        _scopes = scopes;
        _time = time;
        var meter = meters.Create(PreauMeter.Name);
        meter.CreateObservableGauge("preau.outbox.pending", () => Observe(s => s.OutboxPending), "{notification}", "Notifications waiting in the outbox");
        meter.CreateObservableGauge("preau.outbox.lag", () => Observe(s => s.OutboxOldestAge?.TotalSeconds ?? 0), "s", "Age of the oldest notification waiting in the outbox");
        meter.CreateObservableGauge("preau.thumbnails.pending", () => Observe(s => s.ThumbnailsPending), "{job}", "Album thumbnail jobs waiting");
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<QueueSnapshot, T> value) where T : struct
    {
        QueueSnapshot snapshot;
        try
        {
            snapshot = Get();
        }
        catch (Exception)
        {
            // Database down: the gauge is absent from this scrape, /readyz says why.
            return [];
        }
        return [new Measurement<T>(value(snapshot))];
    }

    public QueueSnapshot Get()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            if (_last is { } cached && now - cached.TakenAt < CacheFor)
            {
                return cached;
            }
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var pending = db.NotificationOutbox.AsNoTracking().Where(o => o.ProcessedAt == null);
            var outboxCount = pending.Count();
            var oldest = pending.Min(o => (DateTime?)o.CreatedAt);
            var thumbnails = db.AlbumThumbnailJobs.AsNoTracking().Count(j => j.DoneAt == null && j.Error == null);
            _last = new QueueSnapshot(outboxCount, oldest is null ? null : now - oldest.Value, thumbnails, now);
            return _last;
        }
    }
}
